#!/usr/bin/env python3
"""Gatehouse against a bare Tauri 2 window (bench/bare: same tauri, one static page, no plugins),
release builds as packaged, alternated A B A B … so that a busy moment hits both. Prints one
table: median, min, max, and the median of the per-pair ratios. Figures are printed, never
asserted. Run through scripts/bench.sh [PAIRS] (it builds, then runs this in a desktop session).

  cold start          WebDriver's new-session request (tauri-driver → WebKitWebDriver execs the
                      binary) → the page's load event marked (html[data-loaded]), same for both
  sign-in usable      Gatehouse only: → the sign-in form's button present (organization lookup in)
  idle PSS at 10 s    the process tree (app, WebKitWebProcess, WebKitNetworkProcess), summed from
                      /proc/*/smaps_rollup, 10 s after the launch began
  deep link           Gatehouse only: xdg-open gatehouse://… → the code screen present, through the
                      package's desktop entry (gatehouse-open, the launcher), twice
                      alternated: as on a GNOME desktop (XDG_CURRENT_DESKTOP=GNOME: xdg-open hands
                      the link to `gio open`) and with no desktop environment (xdg-open's generic
                      path, which runs xdg-mime's shell lookup first: ~170 ms by itself here)
  package             .deb / .rpm file sizes, and the .deb's Installed-Size
"""
import glob, json, os, signal, socket, statistics, subprocess, sys, tempfile, time, urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GATEHOUSE = os.path.join(ROOT, "target/release/gatehouse")
BARE = os.path.join(ROOT, "target/release/bare-window")
LAUNCHER = os.path.join(ROOT, "target/release/gatehouse-open")
EMULATOR = os.path.join(ROOT, "target/release/stytch-emulator")
PAIRS = int(sys.argv[1]) if len(sys.argv) > 1 else 15
IDLE_AT = 10.0


def install_desktop_entry():
    """The handler as the package installs it: its desktop entry (scripts/desktop-entry.sh, the one
    renderer), running the launcher next to the release binary, in this session's private XDG
    directories."""
    subprocess.run([os.path.join(ROOT, "scripts/desktop-entry.sh"), "install", LAUNCHER],
                   check=True, stdout=subprocess.DEVNULL)


def start_emulator(work, config):
    """The release emulator on a free loopback port and a config.toml pointing at it, through
    scripts/emulator.sh (the one helper the demo and the package test use too): its pid and base
    URL. Its log is work/emulator.log; the caller ends it."""
    up = subprocess.run([os.path.join(ROOT, "scripts/emulator.sh"), "up", EMULATOR, "127.0.0.1:0", work, config],
                        check=True, stdout=subprocess.PIPE, text=True)
    pid, base = up.stdout.split()
    return int(pid), base


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def http(method, url, body=None, attempts=5):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(url, data=data, method=method, headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=60) as r:
            return r.status, json.loads(r.read() or b"null")
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read() or b"null")
    except (ConnectionError, OSError):
        if attempts <= 1:  # tauri-driver now and then drops a kept-alive connection
            raise
        time.sleep(0.01)
        return http(method, url, body, attempts - 1)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def callback_of(link):
    try:
        urllib.request.build_opener(NoRedirect).open(link)
    except urllib.error.HTTPError as e:
        return e.headers["Location"]
    raise RuntimeError("the email link did not redirect")


def pss_kib(binary):
    """PSS of every process running `binary` and all their descendants, in KiB."""
    target = os.path.realpath(binary)
    parents, roots = {}, []
    for stat in glob.glob("/proc/[0-9]*/stat"):
        pid = int(stat.split("/")[2])
        try:
            with open(stat) as f:
                fields = f.read().rsplit(")", 1)[1].split()
            parents[pid] = int(fields[1])
            if os.path.realpath(f"/proc/{pid}/exe") == target:
                roots.append(pid)
        except OSError:
            continue
    tree, frontier = set(roots), list(roots)
    while frontier:
        pid = frontier.pop()
        for child, parent in parents.items():
            if parent == pid and child not in tree:
                tree.add(child)
                frontier.append(child)
    total = 0
    for pid in tree:
        try:
            with open(f"/proc/{pid}/smaps_rollup") as f:
                for line in f:
                    if line.startswith("Pss:"):
                        total += int(line.split()[1])
        except OSError:
            continue
    return total, len(tree)


def main():
    for path in (GATEHOUSE, BARE, EMULATOR):
        if not os.path.exists(path):
            sys.exit(f"bench: {path} is missing (scripts/bench.sh builds it)")
    work = tempfile.mkdtemp()
    config = os.path.join(work, "config.toml")
    emu, base = start_emulator(work, config)
    install_desktop_entry()

    port, native = free_port(), free_port()
    env = dict(os.environ, GATEHOUSE_CONFIG=config, GATEHOUSE_LOG="warn", GATEHOUSE_DEVELOPMENT="1")
    driver = subprocess.Popen(["tauri-driver", "--port", str(port), "--native-port", str(native),
                               "--native-driver", "/usr/bin/WebKitWebDriver"],
                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wd = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            if http("GET", wd + "/status")[0] == 200:
                break
        except OSError:
            time.sleep(0.05)

    def launch(binary):
        status, body = http("POST", wd + "/session", {"capabilities": {"alwaysMatch": {
            "browserName": "wry", "tauri:options": {"application": binary}}}})
        assert status == 200, body
        return body["value"]["sessionId"]

    def wait_for(sid, css, timeout=30):
        deadline = time.time() + timeout
        while time.time() < deadline:
            try:
                status, _ = http("POST", f"{wd}/session/{sid}/element", {"using": "css selector", "value": css})
            except (ConnectionError, OSError):
                status = None
            if status == 200:
                return time.time()
            time.sleep(0.005)
        raise RuntimeError(f"{css} never appeared")

    def quit(sid):
        http("DELETE", f"{wd}/session/{sid}")
        time.sleep(0.8)

    sign_in = "main#app[data-screen='sign_in'] form#sign-in button[type='submit']"
    runs = {"bare": {"cold": [], "pss": []}, "gatehouse": {"cold": [], "pss": [], "usable": []}}
    for pair in range(PAIRS):
        for name, binary in (("bare", BARE), ("gatehouse", GATEHOUSE)):
            start = time.time()
            sid = launch(binary)
            runs[name]["cold"].append((wait_for(sid, "html[data-loaded]") - start) * 1000)
            if name == "gatehouse":
                runs[name]["usable"].append((wait_for(sid, sign_in) - start) * 1000)
            time.sleep(max(0.0, start + IDLE_AT - time.time()))
            kib, procs = pss_kib(binary)
            runs[name]["pss"].append(kib / 1024)
            quit(sid)
        print(f"  pair {pair + 1}/{PAIRS}: cold {runs['bare']['cold'][-1]:.0f} / {runs['gatehouse']['cold'][-1]:.0f} ms, "
              f"PSS {runs['bare']['pss'][-1]:.1f} / {runs['gatehouse']['pss'][-1]:.1f} MiB", file=sys.stderr)


    links = {"GNOME": [], "generic": []}
    for i in range(2 * PAIRS):
        desktop = "GNOME" if i % 2 == 0 else "generic"
        sid = launch(GATEHOUSE)
        wait_for(sid, sign_in)
        status, body = http("POST", f"{wd}/session/{sid}/element", {"using": "css selector", "value": "#email"})
        el = next(iter(body["value"].values()))
        http("POST", f"{wd}/session/{sid}/element/{el}/value", {"text": "grace@example.com"})
        status, body = http("POST", f"{wd}/session/{sid}/element", {"using": "css selector", "value": "form#sign-in button[type='submit']"})
        http("POST", f"{wd}/session/{sid}/element/{next(iter(body['value'].values()))}/click", {})
        wait_for(sid, "main#app[data-screen='check_email']")
        emails = []
        while len(emails) < i + 1:
            emails = http("GET", base + "/emulator/outbox?to=grace@example.com")[1]["messages"]
            time.sleep(0.02)
        link = callback_of(emails[i]["link"])
        start = time.time()
        env = dict(os.environ)
        env.pop("XDG_CURRENT_DESKTOP", None)
        if desktop == "GNOME":
            env["XDG_CURRENT_DESKTOP"] = "GNOME"
        subprocess.run(["xdg-open", link], check=True, env=env)
        links[desktop].append((wait_for(sid, "main#app[data-screen='enter_code'] input#code") - start) * 1000)
        quit(sid)
    driver.terminate()
    os.kill(emu, signal.SIGTERM)

    def stats(xs, unit, fmt="{:.0f}"):
        return f"{fmt.format(statistics.median(xs))} {unit} ({fmt.format(min(xs))}–{fmt.format(max(xs))})"

    def ratio(key):
        r = [g / b for g, b in zip(runs["gatehouse"][key], runs["bare"][key])]
        return statistics.median(r)

    debs = sorted(glob.glob(os.path.join(ROOT, "target/release/bundle/deb/Gatehouse_*.deb")), key=os.path.getmtime)
    admin = sorted(glob.glob(os.path.join(ROOT, "target/release/bundle/deb/gatehouse-admin_*.deb")), key=os.path.getmtime)
    rpms = sorted(glob.glob(os.path.join(ROOT, "target/release/bundle/rpm/*.rpm")), key=os.path.getmtime)
    mib = lambda p: os.path.getsize(p) / 1024 / 1024
    rows = [
        ("cold start → page loaded", stats(runs["bare"]["cold"], "ms"), stats(runs["gatehouse"]["cold"], "ms"),
         f"{ratio('cold'):.2f}×", "≤ 1.15×"),
        ("idle PSS at 10 s (process tree)", stats(runs["bare"]["pss"], "MiB", "{:.1f}"),
         stats(runs["gatehouse"]["pss"], "MiB", "{:.1f}"), f"{ratio('pss'):.2f}×", "≤ 1.10×"),
        ("cold start → sign-in form usable", "—", stats(runs["gatehouse"]["usable"], "ms"), "", ""),
        ("deep link (xdg-open, GNOME desktop) → code screen", "—", stats(links["GNOME"], "ms"), "", "≤ 150 ms"),
        ("deep link (xdg-open, no desktop environment) → code screen", "—", stats(links["generic"], "ms"), "", ""),
    ]
    if debs:
        installed = subprocess.run(["dpkg-deb", "-f", debs[-1], "Installed-Size"], capture_output=True, text=True).stdout.strip()
        rows.append((".deb (installed)", "—", f"{mib(debs[-1]):.2f} MiB ({int(installed) / 1024:.1f} MiB)", "", "≤ 6 MiB"))
    if rpms:
        rows.append((".rpm", "—", f"{mib(rpms[-1]):.2f} MiB", "", ""))
    if admin:
        rows.append(("IT's gatehouse-admin .deb (not on employees' machines)", "—", f"{mib(admin[-1]):.2f} MiB", "", ""))
    print(f"machine: {os.cpu_count()} cores, {os.uname().sysname} {os.uname().release}; release builds; Xvfb; "
          f"{PAIRS} pairs alternated; emulator on loopback")
    print("| what | bare Tauri window | Gatehouse | ratio (median of pairs) | target |")
    print("|---|---|---|---|---|")
    for row in rows:
        print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    main()
