"""The floor for the browser benchmark: one page, a multiselect and a single Plotly line chart on made-up
series, nothing else. What it costs to reach its first chart is what Streamlit plus Plotly cost at least."""

import numpy as np
import plotly.graph_objects as go
import streamlit as st

st.set_page_config(page_title="Bare Plotly")
years = np.arange(2010, 2025)
series = {
    name: np.cumprod(1 + np.random.default_rng(i).uniform(0, 0.08, len(years))) * 100
    for i, name in enumerate(["Shandong", "Qingdao", "Jinan", "Yantai", "Weifang", "China"])
}
chosen = st.multiselect("Series", list(series), ["Shandong", "Qingdao"])
fig = go.Figure([go.Scatter(x=years, y=series[name], name=name, mode="lines+markers") for name in chosen])
st.plotly_chart(fig, theme=None)
