"""The bare Plotly app with plotly.js's basic bundle (scatter, bar, pie; 1.2 MB) instead of Streamlit's whole
plotly.js (4.7 MB): the same figure drawn by `Plotly.react` in a `st.components.v2` component. A prototype
for the benchmark only (see README.md, "Past Plotly's floor"): browser_bench.py --plotly-basic FILE runs it
from a folder whose static/ holds FILE, served by Streamlit's static file serving."""

import json

import numpy as np
import plotly.graph_objects as go
import streamlit as st

JS = """
export default function ({ parentElement, data }) {
  window.__plotlyBasic = window.__plotlyBasic || new Promise((ok, fail) => {
    const s = document.createElement("script");
    s.src = "./app/static/plotly-basic.min.js"; s.onload = ok; s.onerror = fail;
    document.head.appendChild(s);
  });
  let el = parentElement.querySelector(".chart");
  if (!el) { el = document.createElement("div"); el.className = "chart"; el.style.height = "450px"; parentElement.appendChild(el); }
  window.__plotlyBasic.then(() => window.Plotly.react(el, data.figure.data, data.figure.layout,
                                                      {displaylogo: false, responsive: true}));
}
"""
chart = st.components.v2.component("basic_plotly", html="<div></div>", js=JS, isolate_styles=False)

st.set_page_config(page_title="Bare Plotly (basic bundle)")
years = np.arange(2010, 2025)
series = {
    name: np.cumprod(1 + np.random.default_rng(i).uniform(0, 0.08, len(years))) * 100
    for i, name in enumerate(["Shandong", "Qingdao", "Jinan", "Yantai", "Weifang", "China"])
}
chosen = st.multiselect("Series", list(series), ["Shandong", "Qingdao"])
fig = go.Figure([go.Scatter(x=years, y=series[name], name=name, mode="lines+markers") for name in chosen])
fig.update_layout(height=450)
chart(data={"figure": json.loads(fig.to_json())}, key="chart")
