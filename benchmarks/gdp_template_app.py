"""A stand-in for Streamlit's minimal GDP dashboard template, for the browser benchmark only: the same
shape (a slider, a multiselect, a line chart, metric cards) on made-up numbers that never leave this file."""

import numpy as np
import pandas as pd
import streamlit as st

st.set_page_config(page_title="GDP dashboard", page_icon=":earth_americas:")
countries = ["DEU", "FRA", "GBR", "BRA", "MEX", "JPN", "CHN", "USA", "IND", "ITA"]
years = np.arange(1960, 2023)
rng = np.random.default_rng(1)
frame = pd.DataFrame([(c, y, float(v)) for c in countries for y, v in
                      zip(years, np.cumprod(1 + rng.uniform(0, 0.06, len(years))) * 1e11, strict=True)],
                     columns=["Country Code", "Year", "GDP"])
st.title(":earth_americas: GDP dashboard")
low, high = st.slider("Which years are you interested in?", 1960, 2022, [1960, 2022])
chosen = st.multiselect("Which countries would you like to view?", countries, ["DEU", "FRA", "GBR", "BRA", "MEX", "JPN"])
shown = frame[frame["Country Code"].isin(chosen) & frame["Year"].between(low, high)]
st.header("GDP over time", divider="gray")
st.line_chart(shown, x="Year", y="GDP", color="Country Code")
for column, country in zip(st.columns(4) * 2, chosen, strict=False):
    with column:
        first = shown[(shown["Country Code"] == country) & (shown["Year"] == low)]["GDP"].iat[0] / 1e9
        last = shown[(shown["Country Code"] == country) & (shown["Year"] == high)]["GDP"].iat[0] / 1e9
        st.metric(f"{country} GDP", f"{last:,.0f}B", f"{last / first:,.2f}x")
