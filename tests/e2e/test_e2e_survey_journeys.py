"""A resident answers a survey across pages, going back once; a planner builds a small survey, publishes it,
sees a new answer in the results and downloads the CSV and the XLSX."""
import csv
import io
import itertools
import uuid

import openpyxl
import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import LANGUAGES, VIEWPORTS, new_staff_member, say, sign_in_and_enrol
from tests.e2e.keyboard import actor

# (language, viewport, JavaScript, keyboard only)
COMBINATIONS = [(lang, size, js, False) for lang, size, js in itertools.product(LANGUAGES, VIEWPORTS, [True, False])]
COMBINATIONS.append(("ja", "375x667", True, True))
IDS = [f"{lang}-{size}-{'js' if js else 'nojs'}{'-keyboard' if kb else ''}" for lang, size, js, kb in COMBINATIONS]


def choose_first_option_of_each_question(page, act):
    for group in page.locator("main fieldset").all():
        radios = group.get_by_role("radio")
        if radios.count():
            act.check(radios.first)


@pytest.mark.parametrize("lang, viewport, javascript, keyboard", COMBINATIONS, ids=IDS)
def test_resident_answers_a_survey_across_pages_going_back_once(new_page, recorder, lang, viewport, javascript,
                                                                 keyboard):
    page = new_page(viewport, javascript, lang)
    act, check = actor(page, keyboard), recorder(page)
    page.goto("/")
    act.click(page.get_by_role("navigation", name=say(lang, "Main menu")).get_by_role(
        "link", name=say(lang, "Surveys")))
    check.check("survey list")
    act.click(page.locator("main .card a"))
    check.check("survey")
    act.click(page.get_by_role("button", name=say(lang, "Start the survey")))

    act.click(page.get_by_role("button", name=say(lang, "Next")))  # nothing chosen: errors next to the questions
    expect(page.get_by_role("alert")).to_be_visible()
    check.check("page 1 errors")
    choose_first_option_of_each_question(page, act)
    chosen = page.locator("main input[type=radio]:checked").first.get_attribute("id")
    act.click(page.get_by_role("button", name=say(lang, "Next")))
    check.check("page 2")
    act.click(page.get_by_role("button", name=say(lang, "Back", exact=True)))
    assert page.locator(f"#{chosen}").is_checked()  # going back keeps the answer
    act.click(page.get_by_role("button", name=say(lang, "Next")))
    act.fill(page.locator("main textarea").last, f"紙の申請も残してください {uuid.uuid4().hex[:6]}")
    while not page.get_by_role("button", name=say(lang, "Send my answers")).count():
        act.click(page.get_by_role("button", name=say(lang, "Next")))
        check.check(f"page {page.url.rsplit('/', 1)[-1]}")
    check.check("review")
    act.click(page.get_by_role("button", name=say(lang, "Send my answers")))
    expect(page.get_by_role("heading", name=say(lang, "What happens next"))).to_be_visible()
    check.check("thanks")
    check.assert_clean()


@pytest.mark.parametrize("javascript, keyboard", [(True, False), (False, False), (True, True)],
                         ids=["js", "nojs", "js-keyboard"])
def test_planner_builds_publishes_reads_an_answer_and_downloads_csv_and_xlsx(new_page, recorder, server_env,
                                                                            browser, live_server, javascript,
                                                                            keyboard):
    lang = "ja"
    page = new_page("375x667", javascript, lang)
    act, check = actor(page, keyboard), recorder(page)
    sign_in_and_enrol(page, new_staff_member(server_env, "planner"), lang)
    page.goto("/planner/")
    act.click(page.get_by_role("link", name=say(lang, "Build surveys, enter paper answers, read and export the results.")))
    act.click(page.get_by_role("link", name=say(lang, "New survey")))
    check.check("new survey")
    title = f"窓口アンケート {uuid.uuid4().hex[:6]}"
    act.fill(page.get_by_role("textbox", name=say(lang, "Title (Japanese)")), title)
    act.click(page.get_by_role("button", name=say(lang, "Save", exact=True)))
    check.check("builder")
    act.click(page.get_by_role("link", name=say(lang, "Add a question to this page")))
    kind = page.get_by_role("combobox", name=say(lang, "Type of question"))
    act.select(kind, kind.locator("option").evaluate_all("options => options.findIndex(o => o.value === 'single')"))
    assert kind.input_value() == "single"
    act.fill(page.get_by_role("textbox", name=say(lang, "Question (Japanese)")), "窓口の対応はいかがでしたか")
    choices = page.get_by_role("textbox", name=say(lang, "Choices"))
    act.fill(choices, "よかった")
    for line in ("ふつう", "よくなかった"):  # one choice per line
        choices.press("Enter")
        choices.press_sequentially(line)
    act.check(page.get_by_role("checkbox", name=say(lang, "An answer is required")))
    check.check("question form")
    act.click(page.get_by_role("button", name=say(lang, "Save the question")))
    act.click(page.get_by_role("button", name=say(lang, "Publish the survey")))
    check.check("published")
    builder_url = page.url

    resident = browser.new_context(base_url=live_server, viewport={"width": 375, "height": 667},
                                   java_script_enabled=javascript, locale="ja-JP").new_page()
    resident.goto("/surveys/")
    resident.get_by_role("link", name=title).click()
    resident.get_by_role("button", name=say(lang, "Start the survey")).click()
    resident.get_by_role("radio", name="よかった").check()
    resident.get_by_role("button", name=say(lang, "Next")).click()
    resident.get_by_role("button", name=say(lang, "Send my answers")).click()
    resident.context.close()

    page.goto(builder_url)
    act.click(page.get_by_role("link", name=say(lang, "Results")))
    check.check("results")
    expect(page.locator("main").get_by_text("よかった").first).to_be_visible()
    total = page.locator(".results-total").inner_text()
    assert say(lang, "%(num)d response", plural="%(num)d responses", num=1).search(total), total  # 回答 1件

    act.click(page.get_by_role("link", name=say(lang, "Export")))
    check.check("export")
    with page.expect_download() as csv_download:
        act.activate(page.get_by_role("button", name=say(lang, "Download")))
    text = csv_download.value.path().read_bytes().decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert len(rows) == 2 and "よかった" in rows[1]

    act.check(page.get_by_role("radio", name=say(lang, "Excel workbook (XLSX) with a codebook sheet")))
    with page.expect_download() as xlsx_download:
        act.activate(page.get_by_role("button", name=say(lang, "Download")))
    workbook = openpyxl.load_workbook(io.BytesIO(xlsx_download.value.path().read_bytes()), read_only=True)
    responses = [list(row) for row in workbook.worksheets[0].iter_rows(values_only=True)]
    workbook.close()
    assert len(responses) == 2 and "よかった" in responses[1], responses
    assert len(workbook.sheetnames) == 2  # the responses and the codebook
    check.assert_clean()
