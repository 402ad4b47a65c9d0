"""In a real browser: a district administrator uploads a workbook, watches the check run in the
background with a progress bar, reads the preview and saves it; then anyone looks a lawyer up on the
public page, on a phone-width screen too."""

import re
from pathlib import Path

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from lvxie.registry.models import Lawyer
from tests.dataio import files
from tests.e2e.conftest import login
from tests.factories import lawyer_licence

pytestmark = pytest.mark.e2e


def run_worker():
    """What `lvxie db_worker` does in the demo: run the queued tasks, here once, in the test's thread."""
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)


def test_upload_preview_commit_with_progress(page, world, settings, tmp_path):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    firm = world["ft_firm"]
    names = ["歐陽明", "单晓红", "曾小军"]
    rows = [
        [name, "男", lawyer_licence(9500 + i), "专职律师", firm.credit_code, 2015, ""]
        for i, name in enumerate(names)
    ]
    workbook = tmp_path / "律师名册.xlsx"
    workbook.write_bytes(files.xlsx(files.LAWYER_HEADERS, rows))

    login(page, "futian")
    page.wait_for_url(re.compile(r"/$"))
    page.click("nav >> text=导入")
    page.select_option("#id_kind", "lawyers")
    page.set_input_files("#id_file", str(workbook))
    page.click("text=上传并检查")
    # The job waits for the worker: the page shows a progress bar and polls for news
    page.wait_for_selector("#progress progress")
    assert page.inner_text(".job-status") == "等待处理"
    page.screenshot(path=str(tmp_path / "progress.png"), full_page=True)
    run_worker()
    page.wait_for_selector("#progress .refresh-report")  # htmx swapped in the finished state
    page.click("#progress .refresh-report")
    assert page.inner_text("#n-create") == "3" and page.inner_text("#n-refused") == "0"
    assert "歐陽明" in page.inner_text("body")
    page.screenshot(path=str(tmp_path / "preview.png"), full_page=True)
    assert not Lawyer.objects.filter(name="歐陽明").exists()  # nothing saved by the check

    page.click("#commit")
    page.wait_for_selector("#progress progress")
    run_worker()
    page.wait_for_selector("#progress .refresh-report")
    page.click("#progress .refresh-report")
    page.wait_for_selector("text=全部行已保存。")
    assert Lawyer.objects.filter(firm=firm, licence_no__in=[r[2] for r in rows]).count() == 3


def test_public_lookup_desktop_and_phone(browser, live_server, audit_purge, world, tmp_path):
    from tests.factories import LawyerFactory

    LawyerFactory(name="歐陽明", firm=world["ft_firm"], phone="13800138000")
    for width, height in ((1280, 900), (390, 844)):
        context = browser.new_context(locale="zh-CN", viewport={"width": width, "height": height})
        page = context.new_page()
        page.goto(live_server.url + "/public/")
        page.fill("input[name=q]", "ouyang ming")
        page.click("button:has-text('搜索')")
        page.wait_for_selector("#public-lawyers >> text=歐陽明")
        assert "13800138000" not in page.content()
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
        page.screenshot(path=str(tmp_path / f"public-{width}.png"), full_page=True)
        context.close()


def test_report_of_a_file_with_several_errors_per_row(page, world, tmp_path):
    # given a sheet whose rows each have several things wrong, one name a formula
    firm = world["ft_firm"]
    rows = [
        ["歐陽明", "男", lawyer_licence(9601), "专职律师", firm.credit_code, 2015, ""],
        ["李四", "未知", "123", "", "不存在律师事务所", "去年", "440304198503120019"],
        ["王五", "男", lawyer_licence(9603), "兼职", firm.credit_code, "二〇一五", ""],
    ]
    data = files.formula(files.xlsx(files.LAWYER_HEADERS, rows), "A4", b"1+1", b"2")
    workbook = tmp_path / "律师名册.xlsx"
    workbook.write_bytes(data)
    login(page, "futian")
    page.wait_for_url(re.compile(r"/$"))
    page.click("nav >> text=导入")
    page.select_option("#id_kind", "lawyers")
    page.set_input_files("#id_file", str(workbook))
    page.click("text=上传并检查")
    # then the report lists every problem of each refused row, the formula by its cell
    page.wait_for_selector("table.errors")
    lines = [
        [cell.strip() for cell in line.split("\t")]
        for line in page.locator("table.errors tbody tr").all_inner_texts()
    ]
    # each row's number once, its problems beneath in the order of the sheet's columns
    assert [line[0] for line in lines] == ["3", "", "", "", "", "4", "", ""], lines
    assert [line[1] for line in lines[:5]] == ["性别", "执业证号", "律师事务所", "首次执业年份", "身份证号"]
    assert lines[5][1] == "姓名" and lines[5][2].startswith("A4")
    assert page.inner_text("#n-refused") == "2"
    assert page.locator("#commit").count() == 0
    page.screenshot(path="/tmp/imports-report.png", full_page=True)


def test_a_save_whose_worker_died_is_shown_and_saved_again(page, world, tmp_path):
    from datetime import timedelta

    from django.utils import timezone

    from lvxie.dataio.choices import JobStatus
    from lvxie.dataio.models import ImportJob

    # given a checked file whose save was left "saving" by a worker that died, its lease run out
    firm = world["ft_firm"]
    rows = [[f"王{i}", "男", lawyer_licence(9700 + i), "", firm.credit_code, 2015, ""] for i in range(3)]
    workbook = tmp_path / "律师名册.xlsx"
    workbook.write_bytes(files.xlsx(files.LAWYER_HEADERS, rows))
    login(page, "futian")
    page.wait_for_url(re.compile(r"/$"))
    page.click("nav >> text=导入")
    page.select_option("#id_kind", "lawyers")
    page.set_input_files("#id_file", str(workbook))
    page.click("text=上传并检查")
    page.wait_for_selector("#commit")
    ImportJob.objects.update(
        status=JobStatus.COMMITTING,
        lease_token="dead",
        lease_expires_at=timezone.now() - timedelta(minutes=6),
    )
    # when the uploader looks again, then the page says what happened, and the file saves
    page.reload()
    assert "本文件的数据一条也未保存" in page.inner_text(".interrupted")
    page.screenshot(path="/tmp/imports-interrupted.png", full_page=True)
    page.click("#commit")
    page.wait_for_selector("text=全部行已保存。")
    assert Lawyer.objects.filter(licence_no__in=[r[2] for r in rows]).count() == 3


def test_a_long_export_is_written_in_the_background_and_downloaded(page, world, settings, tmp_path):
    # Given a list longer than the direct limit, and a worker that has not started yet
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.LVXIE_EXPORT_DIRECT_ROWS = 1
    settings.MEDIA_ROOT = tmp_path / "media"
    login(page, "city")
    page.wait_for_url(re.compile(r"/$"))
    page.goto(page.base_url + "/lawyers/")
    # When the city administrator exports it, they see its page with a progress bar, not a file
    page.click("a.export-csv")
    page.wait_for_url(re.compile(r"/data/exports/jobs/\d+/$"))
    assert page.locator("progress").count() == 1 and "等待" in page.locator(".job-status").inner_text()
    page.screenshot(path=str(tmp_path / "export-waiting.png"), full_page=True)
    # Then, once the worker has written it, the page (polling) offers the file, which holds the list
    run_worker()
    page.wait_for_selector("#download", timeout=10_000)
    page.screenshot(path=str(tmp_path / "export-ready.png"), full_page=True)
    with page.expect_download() as download:
        page.click("#download")
    content = Path(download.value.path()).read_text(encoding="utf-8-sig")
    assert "張斌" in content and "刘伟东" in content
    # And "My exports" lists it
    # (the click returns once the new page is committed, before its table is parsed: wait for it)
    page.click("text=我的导出")
    page.wait_for_url(re.compile(r"/data/exports/$"))
    expect(page.locator("td >> text=可以下载")).to_have_count(1)
