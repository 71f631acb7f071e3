import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App";
import "./styles/index.css";
import { setLabelColourProperties } from "./training/labelColours";

const root = document.getElementById("root");
if (!root) throw new Error("index.html has no #root element");
setLabelColourProperties(document.documentElement.style);

createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
