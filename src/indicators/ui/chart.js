// A Plotly chart drawn by plotly.js's basic bundle (static/plotly-basic.min.js, served by Streamlit's static
// file serving) instead of Streamlit's whole plotly.js: see src/indicators/ui/plot.py for why.
// Called on every run whose data changed, with the same parentElement: the chart is drawn again in place
// (Plotly.react), and only the newest data is drawn when runs come quickly one after another.

const FULL_SCREEN_ICON = {  // four corners, symmetric, so Plotly's flip of icon paths does not matter
  width: 1000,
  height: 1000,
  path: "M0 0h380v110H110v270H0z M620 0h380v380H890V110H620z M0 620h110v270h270v110H0z M890 620h110v380H620V890h270z",
  transform: "matrix(1 0 0 1 0 0)",
};

function plotlyReady(code) {
  // one load for the page, shared by every chart; after a failed load the next chart tries again
  if (!window.__indicatorsPlotly) {
    const main = document.querySelector('script[src*="/static/js/index."]');  // Streamlit's own bundle
    const base = main ? new URL("../../", main.src) : new URL("./", window.location.href);
    performance.mark("indicators:chart-code-asked");  // benchmarks/browser_bench.py reads the marks
    window.__indicatorsPlotly = new Promise((resolve, reject) => {
      const script = document.createElement("script");
      script.src = new URL(code, base).href;
      script.onload = () => {
        performance.mark("indicators:chart-code-ready");
        return window.Plotly ? resolve(window.Plotly) : reject(new Error("no Plotly"));
      };
      script.onerror = () => {
        window.__indicatorsPlotly = null;
        script.remove();
        reject(new Error("chart code not loaded"));
      };
      document.head.appendChild(script);
    });
  }
  return window.__indicatorsPlotly;
}

function fullScreenSize(box) {  // the screen less the box's padding (CSS: .indicators-chart-full)
  const style = window.getComputedStyle(box);
  const across = parseFloat(style.paddingLeft) + parseFloat(style.paddingRight);
  const down = parseFloat(style.paddingTop) + parseFloat(style.paddingBottom);
  return { width: window.innerWidth - across, height: window.innerHeight - down };
}

function setUp(parentElement) {
  const box = document.createElement("div");
  box.className = "indicators-chart";
  const plot = document.createElement("div");
  plot.className = "indicators-chart-plot";
  const message = document.createElement("div");
  message.className = "indicators-chart-message";
  message.setAttribute("role", "alert");
  box.append(plot, message);
  parentElement.appendChild(box);
  const state = { box, plot, message, seq: 0, height: null };
  // the container's width changes without a window resize (the sidebar opened or closed)
  state.resize = new ResizeObserver(() => {
    if (window.Plotly && plot.classList.contains("js-plotly-plot")) window.Plotly.Plots.resize(plot);
  });
  state.resize.observe(box);
  state.onFullScreen = () => {
    if (!window.Plotly || !plot.classList.contains("js-plotly-plot")) return;
    const full = document.fullscreenElement === box;
    box.classList.toggle("indicators-chart-full", full);
    window.Plotly.relayout(plot, full ? fullScreenSize(box) : { height: state.height, width: null });
  };
  box.addEventListener("fullscreenchange", state.onFullScreen);
  state.cleanUp = () => {  // the element leaves the page
    state.resize.disconnect();
    box.removeEventListener("fullscreenchange", state.onFullScreen);
    if (window.Plotly) window.Plotly.purge(plot);
  };
  box.__indicators = state;
  return state;
}

export default function ({ parentElement, data }) {
  const state = parentElement.querySelector(".indicators-chart")?.__indicators ?? setUp(parentElement);
  const drawing = JSON.stringify([data.spec, data.config, data.fill, data.text]);
  if (drawing === state.drawing) return state.cleanUp;  // a rerun that left this chart as it was
  state.drawing = drawing;
  const seq = ++state.seq;
  const spec = JSON.parse(data.spec);
  const layout = spec.layout ?? {};
  state.height = data.fill ? null : (layout.height ?? 450);
  state.box.classList.toggle("indicators-chart-fill", Boolean(data.fill));
  state.plot.style.height = data.fill ? "100%" : `${state.height}px`;
  if (document.fullscreenElement === state.box) Object.assign(layout, fullScreenSize(state.box));
  // the same config object while it is the same: Plotly.react replots the whole chart when the config
  // changes, and a new button (a new click function) would count as a change on every run
  const configKey = JSON.stringify([data.config, data.text.full_screen, data.locale?.name]);
  if (configKey !== state.configKey) {
    state.configKey = configKey;
    const fullScreen = {
      name: "fullscreen",
      title: data.text.full_screen,
      icon: FULL_SCREEN_ICON,
      click: () => (document.fullscreenElement ? document.exitFullscreen() : state.box.requestFullscreen()),
    };
    // never the "Share chart" button, whatever the config: it would upload the figure to Plotly's cloud
    state.config = { ...data.config, responsive: true, showSendToCloud: false, modeBarButtonsToAdd: [fullScreen] };
    if (data.locale) state.config.locale = data.locale.name;
  }
  const config = state.config;
  plotlyReady(data.code)
    .then((Plotly) => {
      if (seq !== state.seq) return null;
      if (data.locale) Plotly.register({ moduleType: "locale", ...data.locale });  // plotly.js's words
      return Plotly.react(state.plot, spec.data ?? [], layout, config);
    })
    .then(() => {
      if (seq !== state.seq) return;
      state.message.textContent = "";
      state.plot.hidden = false;
      state.box.dataset.drawn = String(seq);
    })
    .catch(() => {
      if (seq !== state.seq) return;
      state.drawing = null;  // the next run tries again
      state.plot.hidden = true;  // the message where the chart would be, not below an empty frame
      state.message.textContent = data.text.not_drawn;
    });
  return state.cleanUp;
}
