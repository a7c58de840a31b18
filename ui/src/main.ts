import { invoke } from "@tauri-apps/api/core";

const app = document.querySelector<HTMLElement>("#app");

async function start(): Promise<void> {
  const view = await invoke<{ screen: string }>("current_view");
  if (app) app.dataset.screen = view.screen;
}

void start();
