"""Data: browse the current data, download it (now or as of any revision) or a template to fill in, upload an
update (validation report, preview, commit), and the history of revisions with restore.

The widgets and callbacks are in `indicators.ui_data`; tests drive the real st.file_uploader through
AppTest (`at.file_uploader[0].set_value(...)`), so there is no test-only path into this page.
"""

import streamlit as st

from indicators import ui, ui_data
from indicators.i18n import t

sel = ui.selection()
d = ui.data()
ui.page_title("page_data", sel, t("dp_intro", sel.lang), needs_regions=False)
browse_tab, download_tab, update_tab, history_tab = st.tabs(
    [t(k, sel.lang) for k in ("dp_tab_browse", "dp_tab_download", "dp_tab_update", "dp_tab_history")])
with browse_tab:
    params = ui_data.browse(d, sel.lang)
with download_tab:
    ui_data.downloads(d, sel)
with update_tab:
    ui_data.update(d, sel)
with history_tab:
    params |= ui_data.history(d, sel)
ui.write_url(sel, **params)
