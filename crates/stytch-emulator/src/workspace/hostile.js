// The hostile workspace's script (served as /workspace/hostile/hostile.js; not Stytch's, a test
// page): everything a page shown as the workspace could try against the app that shows it. Each
// attempt writes what happened into the page (ids below) so that a test can read it; none of them
// may succeed.
//   on load, without a click:
//     #invoke        invoke('current_view') and invoke('sign_out')
//     #race          IPC forced onto postMessage (fetch broken), a navigation to the local UI's
//                    origin started, and sign_out / renew_recovery_codes sent in bursts for 3 s
//     #heard         how many Tauri callbacks or `view` events reached the page (must stay 0)
//     #navigations   smb: / file: / off-origin https through iframes, location and window.open
//     #download-auto a download started by a script
//   on a click (WebDriver clicks the buttons, as a person would):
//     #open-smb, #open-file, #open-local, #open-gatehouse   window.open of that scheme
//     #burst         50 window.open calls to https://example.com/burst?n=N in one click
//     #download      a link with the download attribute
(function () {
  "use strict";

  function show(id, text) {
    var element = document.getElementById(id);
    if (element) element.textContent = text;
  }
  function append(id, text) {
    var element = document.getElementById(id);
    if (element) element.textContent += (element.textContent ? " | " : "") + text;
  }
  var internals = window.__TAURI_INTERNALS__;

  // What the page hears: every callback Tauri could run in it, and the event API's listener.
  var heard = 0;
  function heardOne(what) {
    heard += 1;
    show("heard", String(heard));
    append("heard-detail", what);
  }
  show("heard", "0");
  if (internals) {
    try {
      var runCallback = internals.runCallback;
      internals.runCallback = function (id, data) {
        heardOne("runCallback " + id + " " + JSON.stringify(data).slice(0, 80));
        return runCallback && runCallback.apply(internals, arguments);
      };
    } catch (e) {
      append("heard-detail", "runCallback not replaceable: " + e);
    }
    try {
      var handler = internals.transformCallback(function (event) {
        heardOne("view event " + JSON.stringify(event).slice(0, 80));
      });
      Promise.resolve(
        internals.invoke("plugin:event|listen", {
          event: "view",
          target: { kind: "Any" },
          handler: handler,
        })
      ).then(
        function () { append("heard-detail", "listen ALLOWED"); },
        function (e) { append("heard-detail", "listen refused: " + e); }
      );
    } catch (e) {
      append("heard-detail", "listen threw: " + e);
    }
  }

  // A plain invoke.
  function invoke(cmd) {
    if (!internals || typeof internals.invoke !== "function") {
      append("invoke", cmd + ": no invoke");
      return;
    }
    try {
      Promise.resolve(internals.invoke(cmd)).then(
        function (answer) { append("invoke", cmd + ": ALLOWED " + JSON.stringify(answer).slice(0, 80)); },
        function (e) { append("invoke", cmd + ": refused " + e); }
      );
    } catch (e) {
      append("invoke", cmd + ": threw " + e);
    }
  }
  invoke("current_view");
  invoke("sign_out");

  // The race: the custom-protocol IPC broken so that Tauri falls back to postMessage, whose
  // origin WebKitGTK takes from the requested URI while a load is pending; then a navigation to
  // the local UI, and bursts of commands while it would be pending.
  function race() {
    if (!internals) {
      show("race", "no internals");
      return;
    }
    window.fetch = function () { return Promise.reject(new Error("broken on purpose")); };
    var sent = 0, allowed = 0;
    function burst() {
      for (var i = 0; i < 20; i++) {
        ["sign_out", "renew_recovery_codes", "current_view"].forEach(function (cmd) {
          sent += 1;
          try {
            Promise.resolve(internals.invoke(cmd)).then(function () { allowed += 1; }, function () {});
          } catch (e) { /* counted as sent */ }
          try {
            if (window.ipc && window.ipc.postMessage) {
              window.ipc.postMessage(JSON.stringify({ cmd: cmd, callback: 1, error: 2, payload: {}, options: {} }));
              sent += 1;
            }
          } catch (e) { /* counted as sent */ }
        });
      }
      show("race", "sent " + sent + ", allowed " + allowed);
    }
    burst();
    try { window.location.href = "tauri://localhost/"; } catch (e) { append("navigations", "tauri: threw " + e); }
    var until = Date.now() + 3000;
    var timer = window.setInterval(function () {
      burst();
      if (Date.now() > until) {
        window.clearInterval(timer);
        show("race", "done: sent " + sent + ", allowed " + allowed);
      }
    }, 0);
  }

  // Navigations of every kind to other programs' schemes and off the workspace, no click.
  function navigations() {
    ["smb://fileserver/share/frame", "file:///etc/hostname", "https://example.com/framed", "gatehouse://auth/callback?token=from-a-frame"].forEach(function (src) {
      var frame = document.createElement("iframe");
      frame.src = src;
      document.body.appendChild(frame);
      append("navigations", "iframe " + src.split(":")[0]);
    });
    ["smb://fileserver/share/open", "file:///etc/hostname", "https://example.com/unasked-window"].forEach(function (url) {
      var opened = null;
      try { opened = window.open(url); } catch (e) { /* refused */ }
      append("navigations", "window.open " + url.split(":")[0] + (opened ? " OPENED" : " refused"));
    });
    window.setTimeout(function () { window.location.href = "smb://fileserver/share/location"; }, 100);
    window.setTimeout(function () { window.location.href = "file:///etc/hostname"; }, 200);
    window.setTimeout(function () { window.location.href = "https://example.com/script-navigation"; }, 300);
    window.setTimeout(function () { window.location.href = "/workspace/hostile/download?by=script"; }, 400);
    window.setTimeout(function () { race(); }, 600);
  }

  function onClick(id, action) {
    var button = document.getElementById(id);
    if (button) button.addEventListener("click", action);
  }
  onClick("open-smb", function () { window.open("smb://fileserver/share/clicked"); });
  onClick("open-file", function () { window.open("file:///etc/hostname"); });
  onClick("open-local", function () { window.open("tauri://localhost/"); });
  onClick("open-gatehouse", function () { window.open("gatehouse://auth/callback?token=clicked"); });
  onClick("burst", function () {
    for (var n = 0; n < 50; n++) window.open("https://example.com/burst?n=" + n);
  });

  navigations();
  show("loaded", "yes");
})();
