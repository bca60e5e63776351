"""Updating the data in a real Chromium: upload a GB18030 CSV with Chinese headers on the Data page, read the
report and preview, commit it, and see the new figure on the Overview. Screenshots go to test-artifacts/."""

from __future__ import annotations

import re

import pytest
from browser_support import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, running_app

from indicators.frame import read_curated
from indicators.settings import data_dir

pytestmark = pytest.mark.browser
sync_api = pytest.importorskip("playwright.sync_api")
expect, sync_playwright = sync_api.expect, sync_api.sync_playwright
TIMEOUT = 60_000  # the first run of a page loads the data: generous, but a wait for something, not a sleep


def visible(locator) -> None:
    expect(locator).to_be_visible(timeout=TIMEOUT)


def test_upload_gb18030_commit_and_see_it_on_the_overview(tmp_path):
    ARTIFACTS.mkdir(exist_ok=True)
    upload = tmp_path / "青岛5G基站.csv"
    upload.write_bytes('指标,地区,年份,数值\n5G基站,青岛市,2025,"46,000"\n'.encode("gb18030"))
    with running_app(tmp_path / "store.sqlite") as base, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1440, "height": 1000}, locale="zh-CN")
            page.set_default_timeout(TIMEOUT)
            page.goto(f"{base}/data")
            visible(page.get_by_role("heading", name="数据管理"))
            curated = len(read_curated(data_dir() / "observations.csv"))  # every curated figure is listed
            visible(page.get_by_text(f"显示{curated}条", exact=False))
            page.get_by_role("tab", name="上传更新").click()
            page.locator("input[type=file]").set_input_files(str(upload))

            # the report: no errors; changing a curated figure is a warning the analyst accepts
            visible(page.get_by_text("1条提示", exact=False))
            visible(page.get_by_text("将修改1条"))
            commit = page.get_by_role("button", name="提交为新版本")
            visible(commit)
            page.screenshot(path=str(ARTIFACTS / "data_upload_preview_zh.png"), full_page=True)

            page.get_by_label("您的姓名").fill("王芳")
            page.get_by_label("更新说明").fill("青岛2025年5G基站")
            page.get_by_text("我已阅读上述提示", exact=False).click()
            commit.click()
            visible(page.get_by_text("已提交为第2版", exact=False))
            page.screenshot(path=str(ARTIFACTS / "data_committed_zh.png"), full_page=True)

            page.goto(f"{base}/overview")
            card = (
                page.get_by_test_id("stMetric")
                .filter(has_text=re.compile(r"青岛市 · 2025"))
                .filter(has_text="4.6万个")
            )
            visible(card.first)
            expect(page.get_by_test_id("stMetric").filter(has_text="4.45万个")).to_have_count(
                0, timeout=TIMEOUT
            )
            page.screenshot(path=str(ARTIFACTS / "overview_after_upload_zh.png"), full_page=True)
        finally:
            browser.close()
