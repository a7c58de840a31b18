#!/usr/bin/env python3
"""Start-up figures for the README, printed, never asserted: the median of N runs of
  1. cold start: the release app's process start → the sign-in form present in the window;
  2. deep link: `xdg-open gatehouse://…` → the code screen present in the window,
on this machine, under Xvfb, against the emulator on loopback (client SDK API, an enrolled
member so Stytch sends the SMS itself). The window is watched through WebDriver (tauri-driver),
polled every few milliseconds; the process start time comes from the app's own first log line.

Run it as: scripts/bench-startup.sh [RUNS]   (builds release, then runs this in a desktop session)
"""
import json, os, re, socket, statistics, subprocess, sys, tempfile, time, urllib.request
from datetime import datetime

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
APP = os.path.join(ROOT, "target/release/gatehouse")
EMULATOR = os.path.join(ROOT, "target/release/stytch-emulator")
RUNS = int(sys.argv[1]) if len(sys.argv) > 1 else 10


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
        # tauri-driver now and then drops a kept-alive connection; ask again.
        if attempts <= 1:
            raise
        time.sleep(0.01)
        return http(method, url, body, attempts - 1)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def callback_of(link):
    opener = urllib.request.build_opener(NoRedirect)
    try:
        opener.open(link)
    except urllib.error.HTTPError as e:
        return e.headers["Location"]
    raise RuntimeError("the email link did not redirect")


def main():
    work = tempfile.mkdtemp()
    emu = subprocess.Popen([EMULATOR, "--listen", "127.0.0.1:0"], stdout=subprocess.PIPE,
                           stderr=subprocess.DEVNULL, text=True)
    base = emu.stdout.readline().strip().removeprefix("stytch-emulator listening on ")
    project = http("GET", base + "/emulator/project")[1]
    config = os.path.join(work, "config.toml")
    with open(config, "w") as f:
        f.write(f'[stytch]\nproject_id = "{project["project_id"]}"\npublic_token = "{project["public_token"]}"\n'
                f'api_base = "{base}"\n[organization]\nslug = "example-org"\n')
    apps = os.path.join(os.environ["XDG_DATA_HOME"], "applications")
    os.makedirs(apps, exist_ok=True)
    with open(os.path.join(ROOT, "packaging/gatehouse.desktop")) as f:
        entry = f.read().replace("{{exec}}", APP).replace("{{categories}}", "Utility;")
    entry = "\n".join(l for l in entry.replace("{{icon}}", "gatehouse").replace("{{name}}", "Gatehouse").splitlines()
                      if not l.startswith("{{") and not l.startswith("Comment="))
    with open(os.path.join(apps, "gatehouse.desktop"), "w") as f:
        f.write(entry + "\n")
    subprocess.run(["update-desktop-database", apps], check=True)
    subprocess.run(["xdg-mime", "default", "gatehouse.desktop", "x-scheme-handler/gatehouse"], check=True)

    port, native = free_port(), free_port()
    log_path = os.path.join(work, "app.log")
    env = dict(os.environ, GATEHOUSE_CONFIG=config, GATEHOUSE_LOG="info", GATEHOUSE_DEVELOPMENT="1")
    driver = subprocess.Popen(["tauri-driver", "--port", str(port), "--native-port", str(native),
                               "--native-driver", "/usr/bin/WebKitWebDriver"],
                              env=env, stdout=open(log_path, "a"), stderr=subprocess.STDOUT)
    wd = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            if http("GET", wd + "/status")[0] == 200:
                break
        except OSError:
            time.sleep(0.05)

    def launch():
        status, body = http("POST", wd + "/session", {"capabilities": {"alwaysMatch": {
            "browserName": "wry", "tauri:options": {"application": APP}}}})
        assert status == 200, body
        return body["value"]["sessionId"]

    def wait_for(sid, css, timeout=30):
        deadline = time.time() + timeout
        while time.time() < deadline:
            try:
                status, _ = http("POST", f"{wd}/session/{sid}/element", {"using": "css selector", "value": css})
            except (ConnectionError, OSError):  # tauri-driver drops a connection now and then
                status = None
            if status == 200:
                return time.time()
            time.sleep(0.01)
        raise RuntimeError(f"{css} never appeared")

    def quit(sid):
        http("DELETE", f"{wd}/session/{sid}")
        time.sleep(0.8)

    stamp = re.compile(r"^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+)Z .*gatehouse_lib: starting")

    def last_start():
        starts = [stamp.match(l) for l in open(log_path, errors="replace")]
        starts = [m.group(1) for m in starts if m]
        iso = starts[-1][:26]
        return datetime.fromisoformat(iso + "+00:00").timestamp()

    sign_in = "main#app[data-screen='sign_in'] form#sign-in button[type='submit']"
    cold = []
    for _ in range(RUNS):
        sid = launch()
        seen = wait_for(sid, sign_in)
        cold.append((seen - last_start()) * 1000)
        quit(sid)

    link_times = []
    for i in range(RUNS):
        sid = launch()
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
        subprocess.run(["xdg-open", link], check=True)
        seen = wait_for(sid, "main#app[data-screen='enter_code'] input#code")
        link_times.append((seen - start) * 1000)
        quit(sid)

    driver.terminate()
    emu.terminate()
    fmt = lambda xs: f"median {statistics.median(xs):.0f} ms (min {min(xs):.0f}, max {max(xs):.0f}, n={len(xs)})"
    print(f"machine: {os.cpu_count()} cores; release build; Xvfb; emulator on loopback")
    print(f"cold start -> interactive sign-in screen: {fmt(cold)}   target < 500 ms")
    print(f"deep link (xdg-open) -> code screen:      {fmt(link_times)}   target < 300 ms")


if __name__ == "__main__":
    main()
