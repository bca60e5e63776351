"""Work in progress."""

import streamlit as st

st.write("…")
