"""Data: browse the current data, download it (now or as of any revision) or a template to fill in, upload an
update (validation report, preview, commit), and the history of revisions with restore.

The widgets and callbacks are in `indicators.ui.data_page` and `indicators.ui.upload`; tests drive the real st.file_uploader through
AppTest (`at.file_uploader[0].set_value(...)`), so there is no test-only path into this page.
"""

import streamlit as st

from indicators import ui
from indicators.i18n import t
from indicators.ui import data_page, upload

sel = ui.selection()
d = ui.data()
ui.page_title("page_data", sel, t("dp_intro", sel.lang), needs_regions=False)
browse_tab, download_tab, update_tab, history_tab = st.tabs(
    [t(k, sel.lang) for k in ("dp_tab_browse", "dp_tab_download", "dp_tab_update", "dp_tab_history")]
)
with browse_tab:
    params = data_page.browse(d, sel.lang)
with download_tab:
    data_page.downloads(d, sel)
with update_tab:
    upload.update(d, sel)
with history_tab:
    params |= data_page.history(d, sel)
ui.write_url(sel, **params)
