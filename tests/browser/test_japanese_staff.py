"""A Japanese supervisor's dashboard is Japanese throughout: the waiting table's rows,
the alerts' titles and triage's explanations, though the frames that carry them are built
once for every reader."""

import pytest
from playwright.sync_api import expect

from queues.alerts import alert_raise
from queues.models import Alert
from tests.accounts.factories import supervisor
from tests.browser.conftest import PASSWORD, WAIT_MS
from tests.counseling.factories import waiting_conversation
from tests.support.staff import authenticator_for, totp_code

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_dashboard_rows_and_alert_titles_are_in_japanese(browser, live_server_url):
    boss = supervisor(display_name="カイ")
    device = authenticator_for(boss)
    context = browser.new_context(
        base_url=live_server_url, locale="ja-JP", extra_http_headers={"Accept-Language": "ja"}
    )
    context.set_default_timeout(WAIT_MS)
    try:
        page = context.new_page()
        page.goto("/accounts/login/?next=/supervisor/")
        page.fill("#id_username", boss.username)
        page.fill("#id_password", PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url("**/accounts/login/code/")
        page.fill("input[name=code]", totp_code(device))
        page.click("button[type=submit]")
        page.wait_for_url("**/supervisor/")

        conversation, _token = waiting_conversation("hello", intake={"safe_now": "no"})
        alert_raise(kind=Alert.Kind.IMMINENT_WAITING, conversation=conversation)
        expect(page.locator("#alert-list .alert-item strong")).to_have_text(
            "切迫したリスクのある相談者が待っています"
        )
        expect(page.locator("#waiting-table tr[data-tier=high] th")).to_have_text("高リスク")
        assert "risk" not in page.locator("#waiting-table").inner_text().lower()

        # Why triage gave each tier is worded in Japanese too, quoting the person's words.
        waiting_conversation("もう限界。今夜、飛び降りる", language="ja")
        explanations = page.locator("#queue .explanation")
        expect(
            explanations.filter(has_text="本人が「いま安全ではない」と答えました")
        ).to_have_count(1)
        expect(explanations.filter(has_text="「今夜」")).to_have_count(1)
        expect(explanations.filter(has_text="切迫したリスク：")).to_have_count(1)
        assert "because" not in " ".join(explanations.all_inner_texts())
    finally:
        context.close()
