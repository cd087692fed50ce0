import { mount } from "svelte";
import Gate from "./Gate.svelte";
import "./app.css";
import { markEmptyDateFields } from "./lib/empty-fields";
import { keepLinksInert } from "./lib/markdown";
import { askFirstReads } from "./lib/firstReads";

// Before anything mounts: the shell answers while the page builds itself.
askFirstReads();

// No link a journal holds is followed, wherever it is shown (the shell refuses the navigation too).
document.addEventListener("click", keepLinksInert, true);
document.addEventListener("auxclick", keepLinksInert, true);

const target = document.getElementById("app");
if (!target) throw new Error("index.html has no #app element");
markEmptyDateFields();
export default mount(Gate, { target });
