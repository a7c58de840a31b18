// The demo workspace's probe (served as /workspace/probe.js, never inline, to keep the CSP
// strict). On load it counts the visit in localStorage ("workspace-visited") and shows the count
// in #storage, and it tries Tauri's IPC (also on #try-ipc): #ipc-result reads "no IPC" when
// window.__TAURI_INTERNALS__ is undefined or invoke('current_view') rejects, throws or does not
// settle within 5 s, and "IPC ALLOWED: <answer>" if it resolves (even late); #ipc-detail says why.
(function () {
  "use strict";

  function show(id, text) {
    var element = document.getElementById(id);
    if (element) {
      element.textContent = text;
    }
  }

  function recordVisit() {
    try {
      var before = parseInt(window.localStorage.getItem("workspace-visited"), 10);
      var visits = (isNaN(before) ? 0 : before) + 1;
      window.localStorage.setItem("workspace-visited", String(visits));
      show("storage", window.localStorage.getItem("workspace-visited"));
    } catch (error) {
      show("storage", "no localStorage: " + String(error));
    }
  }

  function describe(value) {
    try {
      var text = JSON.stringify(value);
      return text === undefined ? String(value) : text;
    } catch (error) {
      return String(value);
    }
  }

  function tryIpc() {
    var allowed = false;
    var settled = false;
    function refused(detail) {
      if (!allowed) {
        settled = true;
        show("ipc-result", "no IPC");
        show("ipc-detail", detail);
      }
    }
    show("ipc-result", "trying");
    show("ipc-detail", "");
    var internals = window.__TAURI_INTERNALS__;
    if (typeof internals === "undefined" || internals === null ||
        typeof internals.invoke !== "function") {
      refused("__TAURI_INTERNALS__ is undefined");
      return;
    }
    window.setTimeout(function () {
      if (!settled) {
        refused("invoke did not settle within 5 s");
      }
    }, 5000);
    try {
      Promise.resolve(internals.invoke("current_view")).then(function (answer) {
        allowed = true;
        settled = true;
        show("ipc-result", "IPC ALLOWED: " + describe(answer));
        show("ipc-detail", "invoke('current_view') resolved");
      }, function (error) {
        refused("invoke refused: " + describe(error));
      });
    } catch (error) {
      refused("invoke threw: " + String(error));
    }
  }

  recordVisit();
  tryIpc();
  var button = document.getElementById("try-ipc");
  if (button) {
    button.addEventListener("click", tryIpc);
  }
})();
