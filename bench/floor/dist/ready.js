// Reports the first painted frame, the same signal Small Wins sends after its first timeline.
requestAnimationFrame(() => window.__TAURI_INTERNALS__.invoke("app_ready"));
