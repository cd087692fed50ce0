// Reports the first painted frame, the same signal Small Wins sends after its first timeline: a task
// queued from the frame's animation callback runs once the frame is painted.
requestAnimationFrame(() => setTimeout(() => window.__TAURI_INTERNALS__.invoke("app_ready")));
