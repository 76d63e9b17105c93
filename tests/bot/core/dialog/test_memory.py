"""The conversation remembers: the type once said, the last list and item, the last fact — on every channel,
because it lives in the session store."""

from __future__ import annotations

import json
from datetime import date

import pytest
from sqlalchemy import update

from bot.core.answering.answerer import Answerer
from bot.core.config import Settings
from bot.core.dialog.dialog import Dialog
from bot.core.dialog.messages import Incoming
from bot.core.runtime import build_dialog
from bot.core.stores.sessions import SessionStore, sessions_table

T, C, CMD = Incoming.of_text, Incoming.of_choice, Incoming.of_command


def say(dialog: Dialog, message: str | Incoming, user: str = "m1"):
    incoming = T(message) if isinstance(message, str) else message
    replies = dialog.handle("test", user, incoming)
    return "\n".join(r.text for r in replies), [c.id for r in replies for c in r.citations], replies


def test_a_type_said_once_answers_the_follow_ups(dialog: Dialog) -> None:
    say(dialog, "我们是一家化工厂，想申报")
    text, cited, _ = say(dialog, "需要满足什么条件？")
    assert text.startswith("按企业类回答") and "三同时" in text
    assert "guide.enterprise.condition.1" in cited
    text, cited, _ = say(dialog, "那必选项呢？")
    assert "自行监测" in text and "guide.enterprise.mandatory.4" in cited


def test_an_ordinal_refers_to_the_last_list_and_this_to_the_last_item(dialog: Dialog) -> None:
    say(dialog, "楼宇的创新项有哪些")
    text, cited, _ = say(dialog, "第四条是什么意思")
    assert cited[0] == "guide.building.innovation.4" and "湿垃圾" in text
    text, _, _ = say(dialog, "这个是必须做的吗")
    assert text.startswith("按楼宇类回答") and "不是必选的" in text


def test_naming_another_type_switches_and_keeps_the_topic(dialog: Dialog) -> None:
    say(dialog, "社区必选项有哪些")
    text, cited, _ = say(dialog, "那楼宇呢？")
    assert "楼宇类必选项" in text and "guide.building.mandatory.1" in cited
    assert not text.startswith("按")  # the type was said, not assumed


def test_a_refused_question_does_not_make_the_conversation_forget(dialog: Dialog) -> None:
    say(dialog, "我们是街道办")
    _, _, replies = say(dialog, "入选了能拿多少补贴")
    assert replies[0].refused and "通知未作规定" in replies[0].text
    text, cited, _ = say(dialog, "创新项呢")
    assert "EOD" in text and "guide.town.innovation.5" in cited


def test_follow_ups_are_offered_as_options_and_a_suggestion_is_answered(dialog: Dialog) -> None:
    _, _, replies = say(dialog, "企业申报条件有哪些")
    options = replies[-1].options
    assert 2 <= len(options) <= 3 and "企业必选项有哪些" in [o.label for o in options]
    chosen = next(o for o in options if o.label == "企业必选项有哪些")
    _, cited, _ = say(dialog, C(chosen.value))
    assert "guide.enterprise.mandatory.1" in cited
    _, cited, _ = say(dialog, "1")  # WeChat and the terminal choose by number
    assert cited  # the first suggestion after the 必选项 list was answered, not taken as text


def test_flows_do_not_ask_again_for_a_type_already_known(dialog: Dialog) -> None:
    say(dialog, "我们是一家写字楼物业")
    text, _, _ = say(dialog, CMD("eligibility"))
    assert "按您之前说明的楼宇类进行" in text
    assert "请选择申报主体类型" not in text and "第1条" in text


def test_a_session_from_the_first_release_and_a_damaged_one_are_read_without_error(
    dialog: Dialog, store: SessionStore
) -> None:
    say(dialog, "你好", user="old")
    say(dialog, "你好", user="broken")
    with store.engine.begin() as conn:  # as the first release wrote it: no schema, no memory
        old = json.dumps({"state": "idle", "flow": {}, "data": {"type": "enterprise", "options": []}})
        conn.execute(update(sessions_table).where(sessions_table.c.user_id == "old").values(data=old))
        conn.execute(update(sessions_table).where(sessions_table.c.user_id == "broken").values(data="{not json"))
    text, cited, _ = say(dialog, "必选项有哪些", user="old")
    assert "guide.enterprise.mandatory.1" in cited  # the old session's type is still known to the flows
    text, _, _ = say(dialog, "企业必选项有哪些", user="broken")
    assert "企业类必选项" in text
    assert json.loads(store.engine.connect().execute(sessions_table.select()).first().data)["schema"] == 2


def test_a_short_follow_up_asks_its_slot_of_the_fact_just_answered(dialog: Dialog) -> None:
    say(dialog, "年度总结报告什么时候交")
    text, cited, _ = say(dialog, "交给谁")
    assert cited == ["notice.1"] and "市发展改革委" in text and not text.startswith("今年")


def test_a_slot_the_last_fact_lacks_goes_to_the_fact_that_has_it(dialog: Dialog) -> None:
    say(dialog, "申报材料交到哪里")
    text, cited, _ = say(dialog, "最迟哪天")
    assert cited == ["plan.4.1"] and "10月31日" in text


def test_both_types_just_discussed_are_compared(dialog: Dialog) -> None:
    say(dialog, "街镇必选项有哪些")
    say(dialog, "那社区呢")
    text, cited, _ = say(dialog, "两者的申报条件有什么不同")
    assert "guide.town.condition.1" in cited and "guide.community.condition.1" in cited and "对比" in text


def test_an_introduction_is_answered_with_what_applies(dialog: Dialog) -> None:
    text, cited, _ = say(dialog, "我们是浦东的一个化工园区")
    assert "园区类申报条件" in text and "guide.park.condition.1" in cited


def test_a_flow_whose_stored_data_no_longer_fits_restarts_cleanly(dialog: Dialog, store: SessionStore) -> None:
    """A state from another release or damaged flow data: the user gets the menu again, never an error."""
    say(dialog, "/eligibility 企业", user="f1")
    for state, flow in (("eligibility.ask", {"answers": "broken"}), ("items.nowhere", {}), ("draft.profile", {})):

        def damage(session, state=state, flow=flow) -> None:
            session.state, session.flow = state, flow

        store.transact("test", "f1", damage)
        text, _, replies = say(dialog, "符合", user="f1")
        assert "重新开始" in text and replies[-1].options
        assert store.load("test", "f1").state == "idle"


def test_the_proof_of_a_condition_just_listed(dialog: Dialog) -> None:
    say(dialog, "我们是一家印染厂")  # 厂 heads the name: an enterprise
    say(dialog, "要满足什么条件")
    text, cited, _ = say(dialog, "第二条怎么证明")
    assert cited == ["guide.enterprise.condition.2", "form.proof"] and "排污许可证" in text and "通知未列明" in text


def test_a_fact_answered_after_a_list_makes_the_fact_the_last_thing_shown() -> None:
    """“第三条” after the principles counts the principles, not the 必选项 listed before them."""
    from bot.core.answering.answer import Answer, Topic
    from bot.core.understanding.memory import remember
    from bot.core.understanding.query import Memory

    before = Memory(type="town", item_kind="mandatory", listed=(1, 2, 3, 4))
    after = remember(before, Answer("试点原则：…", topic=Topic(fact="principles")))
    assert after.fact == "principles" and after.item_kind is None and after.listed == () and after.type == "town"


def test_a_situation_said_early_is_judged_when_asked_about_later(dialog: Dialog) -> None:
    say(dialog, "我们是闵行一个镇的生态办，去年镇上出过一起较大的突发环境事件")
    text, _, _ = say(dialog, "条件和必选项分别是啥")
    assert "网格化" in text
    text, cited, _ = say(dialog, "按我们的情况，今年这种能报吗")
    assert "不可以，不符合申报条件" in text and "按您之前所说：去年镇上出过一起较大的突发环境事件" in text
    assert cited == ["guide.town.condition.4"]


def test_what_is_said_of_oneself_adds_up_and_each_part_is_judged(dialog: Dialog) -> None:
    say(dialog, "我们是宝山一家钢铁配套企业，去年出过一次较大突发环境事件，已经整改完了")
    text, _, _ = say(dialog, "可是我们近一年一次处罚都没有，也不行吗")
    assert "不行，不符合申报条件" in text
    assert "近三年内未发生较大及以上突发环境事件" in text and "您说没有发生这类情况" in text


def test_a_situation_is_not_carried_to_another_type_or_a_question_about_items(dialog: Dialog) -> None:
    say(dialog, "我们是个居委会，去年小区出过一次较大的突发环境事件")
    text, _, _ = say(dialog, "条件里还有别的吗")
    assert "按您之前所说" not in text
    text, _, _ = say(dialog, "那楼宇能报吗")
    assert "按您之前所说" not in text


def test_back_to_one_s_own_type_after_asking_about_another(dialog: Dialog) -> None:
    say(dialog, "我们公司是做汽车零部件的，在嘉定")
    say(dialog, "那楼宇呢")
    text, cited, _ = say(dialog, "好，回到我们自己，必选项有几条")
    assert "企业类必选项（共8项" in text and "guide.enterprise.mandatory.1" in cited


def test_a_correction_of_the_type_answers_the_last_question_again(dialog: Dialog) -> None:
    say(dialog, "我们是一栋商务楼")
    say(dialog, "必选项几条")
    text, cited, _ = say(dialog, "说错了，我们其实是楼里入驻的一家软件公司，不是楼宇管理方")
    assert "企业类必选项（共8项" in text and "guide.enterprise.mandatory.8" in cited
    text, cited, _ = say(dialog, "那最后一条是什么")
    assert cited[0] == "guide.enterprise.mandatory.8"


def test_a_situation_retold_is_judged_again_with_what_was_said_before(dialog: Dialog) -> None:
    say(dialog, "我们村前年出过一次较大突发环境事件，是附近化工企业偷排引起的")
    text, _, _ = say(dialog, "报村居类还有希望吗")
    assert text.startswith("按社区(村居)类回答") or "没有，不符合申报条件" in text
    text, cited, _ = say(dialog, "如果那次事件是四年前发生的呢")
    assert "不影响申报" in text and "guide.community.condition.3" in cited


def test_this_with_a_fact_named_in_full_asks_the_fact_not_the_item_shown(dialog: Dialog) -> None:
    say(dialog, "园区申报条件有几条？")
    say(dialog, "第二条是什么？")
    text, cited, _ = say(dialog, "这个要交什么材料？")
    assert "申报表" in text and "一式三份" in text and "plan.4.1" in cited


def test_which_type_to_apply_as_is_the_type_the_user_described(dialog: Dialog) -> None:
    say(dialog, "我们公司负责一栋商场兼办公楼的运营管理")
    text, cited, replies = say(dialog, "我们适合报哪一类")
    assert "楼宇" in text and any(c.startswith("guide.building.condition.") for c in cited)
    assert not any(r.refused for r in replies)


@pytest.fixture
def dated(rules, retriever, store) -> Dialog:
    """A dialog whose clock reads 2026-11-30, after this year's 10月底 deadline."""
    today = date(2026, 11, 30)
    return build_dialog(Settings(), answerer=Answerer(rules, retriever, today=lambda: today), store=store)


def test_a_supposed_time_is_read_against_that_year_s_deadline(dated: Dialog) -> None:
    say(dated, "我们是奉贤的一家食品企业，实施方案还在写")
    text, cited, _ = say(dated, "要是明年5月才弄完呢，还赶得上吗")
    assert "2027年5月" in text and "2027年10月31日之前，来得及" in text and cited == ["plan.4.1"]
    assert "需要" not in text  # 要是 supposes; it asks no requirement
    text, _, _ = say(dated, "那要是拖到明年11月呢")
    assert "已过2027年的截止日期2027年10月31日，赶不上当年" in text and "2028年10月31日" in text
    text, _, _ = say(dated, "要是我们11月初才把材料交给区里，当年还赶得上吗？")
    assert "赶不上当年" in text


def test_a_supposed_later_day_judges_the_situation_told_before_as_of_that_day(dated: Dialog) -> None:
    text, _, _ = say(dated, "我们是奉贤一家电镀企业，今年3月因为废气超标被区生态环境局罚了款")
    assert text.startswith("不可以")
    text, cited, _ = say(dated, "那等到明年4月以后呢")
    assert "按您说的时间（2027年4月起）：可以" in text and "不在近一年内" in text
    assert cited == ["guide.enterprise.condition.3"]


def test_after_something_told_before_is_read_from_when_it_was_said_to_happen(dated: Dialog) -> None:
    say(dated, "我们是静安的一栋商务楼，现在还在装修，预计明年6月开业")
    text, cited, _ = say(dated, "开业以后最早哪一轮能报")
    assert "2027年6月" in text and "2027年10月31日" in text and "plan.4.1" in cited


def test_a_time_told_first_is_read_when_asked_later_whether_one_makes_it(dated: Dialog) -> None:
    say(dated, "假设我们的材料要到2027年11月5号才能准备好")
    text, cited, _ = say(dated, "那还能赶上2027年这一轮吗？")
    assert "已过2027年的截止日期2027年10月31日，赶不上当年" in text and cited == ["plan.4.1"]
    text, _, _ = say(dated, "最早能赶上哪一年的？")
    assert "2028年10月31日" in text


def test_whether_one_makes_it_this_year_asks_the_deadline_not_the_penalty_told_before(dated: Dialog) -> None:
    say(dated, "我们是青浦的一家制药厂，2025年9月被区里罚过一次")
    text, cited, _ = say(dated, "那今年还能赶上吗")
    assert "2026年10月31日已经过了" in text and cited == ["plan.4.1"]


def test_a_sum_asked_after_one_type_s_quota_is_over_every_type(dialog: Dialog) -> None:
    say(dialog, "园区类我们区最多报几个？")
    text, cited, _ = say(dialog, "那全区加起来原则上最多能报多少个？")
    assert "合计不超过18个" in text and not text.startswith("按园区类回答") and cited == ["plan.4.1"]
    text, _, _ = say(dialog, "我们区企业类已经收了5家，都能往上报吗？")
    assert text.startswith("不可以全部申报") and "5个超过了" in text


def test_the_organizer_of_the_place_said_once_is_named_when_asked_whom_to_apply_through(dialog: Dialog) -> None:
    say(dialog, "我们厂在上海化工区里面，不归哪个区直接管")
    text, cited, _ = say(dialog, "那我们找谁报")
    assert "您的组织单位是上海化工区管委会" in text and "plan.4.1" in cited
    say(dialog, "我们是宝山区的一家企业", user="m2")
    text, _, _ = say(dialog, "申报材料先交给谁审核", user="m2")
    assert "您的组织单位是宝山区生态环境局" in text


def test_the_same_numbered_item_of_the_two_types_just_discussed_is_set_side_by_side(dialog: Dialog) -> None:
    say(dialog, "我们集团有一个工厂，还有一栋自持的商务楼，两个都想报。")
    say(dialog, "工厂那边的创新方向有几条？")
    text, cited, _ = say(dialog, "楼那边呢？")
    assert text.startswith("楼宇类创新项（共5项") and "guide.building.innovation.1" in cited
    text, cited, _ = say(dialog, "两边的第一条有什么区别？")
    assert "企业类创新项第1项" in text and "楼宇类创新项第1项" in text
    assert {"guide.enterprise.innovation.1", "guide.building.innovation.1"} <= set(cited)


def test_the_two_items_just_shown_one_after_the_other_are_set_side_by_side(dialog: Dialog) -> None:
    say(dialog, "居委会报社区类的话，垃圾分类对应哪一条")
    text, cited, _ = say(dialog, "如果是写字楼搞垃圾分类呢")
    assert "guide.building.innovation.4" in cited
    text, cited, _ = say(dialog, "这两条侧重点有啥不一样")
    assert "社区(村居)类创新项第3项" in text and "楼宇类创新项第4项" in text
    assert {"guide.community.innovation.3", "guide.building.innovation.4"} <= set(cited)


def test_what_else_the_item_just_shown_says_is_that_item(dialog: Dialog) -> None:
    say(dialog, "镇里给社会组织、志愿者活动提供场地和资源，能写进方案吗")
    text, cited, _ = say(dialog, "这一条里还提到了别的什么")
    assert "基金会" in text and cited[0] == "guide.town.innovation.4"


def test_the_first_step_after_a_deadline_answer_is_the_route_not_the_deadline_again(dated: Dialog) -> None:
    say(dated, "我们是长宁的一个社区")
    say(dated, "明年还能报吗")
    text, cited, _ = say(dated, "那第一步我们要先做什么")
    assert "制定试点实施方案" in text and "plan.4.1" in cited


def test_asked_for_the_first_step_the_procedure_is_walked_one_step_at_a_time(dialog: Dialog) -> None:
    text, cited, _ = say(dialog, "申报的第一步是什么？", user="steps")
    assert text.startswith("第一步") and "制定试点实施方案" in text and "plan.4.1" in cited
    assert "10月底前" not in text  # the organisers' sending on is the next step, not this one
    text, cited, _ = say(dialog, "然后呢？", user="steps")
    assert "组织单位" in text and "报送至市生态环境局" in text and cited == ["plan.4.1"]
    text, cited, _ = say(dialog, "再之后？", user="steps")
    assert text.startswith("审核") and "市发展改革委" in text and cited == ["plan.4.1"]
    text, cited, _ = say(dialog, "然后呢？", user="steps")
    assert text.startswith("试点实施") and cited == ["plan.4.2"]


def test_the_whole_procedure_asked_is_followed_by_the_city_review(dialog: Dialog) -> None:
    text, cited, _ = say(dialog, "申报流程是怎样的", user="route")
    assert "经组织单位" in text and "报送至市生态环境局" in text and cited == ["plan.4.1"]
    text, _, _ = say(dialog, "然后呢", user="route")
    assert text.startswith("审核")


def test_what_the_user_said_of_themselves_counts_when_they_ask_about_another_type(dialog: Dialog) -> None:
    say(dialog, "我是一个老公房小区的物业，住宅小区")
    text, cited, _ = say(dialog, "我们能报楼宇类吗")
    assert text.startswith("不可以") and "商业商务楼宇" in text and "guide.building.condition.1" in cited


def test_the_kind_of_the_items_just_shown_and_a_condition_met_by_what_was_said(dialog: Dialog) -> None:
    say(dialog, "我们是虹桥商务区一个购物中心的管理公司")
    say(dialog, "入驻的商户要不要也做点什么")
    text, _, _ = say(dialog, "刚才说的这些是必须的还是加分的")
    assert "必选项" in text and "楼宇类必选项第2项" in text
    say(dialog, "我是黄浦区生态环境局的，在看外滩附近一栋商务楼的申报材料", user="m2")
    text, cited, _ = say(dialog, "楼是2019年建成投用的，第一条算满足吧", user="m2")  # no list shown: the conditions
    assert "按您所说，这一条看来可以满足" in text  # 楼 said first is the building asked about
    assert cited == ["guide.building.condition.1"]


def test_an_applicant_outside_shanghai_stays_outside_until_they_say_otherwise(dialog: Dialog) -> None:
    text, cited, replies = say(dialog, "你好，我是江苏昆山一家企业的", user="kunshan")
    assert replies[0].refused and "其他地区" in text and "form.type" in cited
    assert "创新项" not in text  # no clause is “closest” to 江苏
    text, _, replies = say(dialog, "我们能报这个试点吗？", user="kunshan")
    assert replies[0].refused and text.startswith("通知未作规定")
    text, cited, replies = say(dialog, "那如果是上海的企业，申报条件是什么？", user="kunshan")
    assert not replies[0].refused and "guide.enterprise.condition.1" in cited
    _, _, replies = say(dialog, "我们能报吗", user="kunshan")
    assert not replies[0].refused


def test_after_a_type_s_overview_another_type_alone_gets_its_overview(dialog: Dialog) -> None:
    say(dialog, "先讲讲园区的试点内容", user="trainer")
    text, cited, _ = say(dialog, "然后是企业", user="trainer")
    assert text.startswith("企业类试点内容") and "plan.3.2" in cited and "全生命周期" in text
    text, cited, _ = say(dialog, "第三条是什么", user="trainer")  # the conditions it listed stay numbered
    assert "guide.enterprise.condition.3" in cited


def test_when_a_penalty_stops_barring_is_told_with_the_next_deadline(dated: Dialog) -> None:
    say(dated, "我们是宝山一家钢材加工企业，今年5月因为危废台账不规范被区生态环境局罚过一次款，金额不大。", user="wait")
    text, cited, _ = say(dated, "那要等到什么时候才行？", user="wait")
    assert "guide.enterprise.condition.3" in cited and "近一年" in text
    assert "最迟自2027年6月1日起" in text and "此后最近的申报截止日期是2027年10月31日" in text


def test_a_fact_asked_by_name_after_a_story_is_that_fact_not_the_story_again(dialog: Dialog) -> None:
    say(dialog, "我们是上海化工区里的一家化工企业，2024年8月发生过一起较大突发环境事件，之后一直在整改。", user="chem")
    text, cited, _ = say(dialog, "我们这种一般由哪个组织单位负责申报？", user="chem")
    assert "上海化工区管委会" in text and "plan.4.1" in cited and "不符合" not in text


def test_which_of_two_lists_is_longer_is_answered_with_both_counts(dialog: Dialog) -> None:
    say(dialog, "社区和楼宇的必选项有啥区别", user="pair")
    text, cited, replies = say(dialog, "哪个条数多", user="pair")
    assert not replies[0].refused
    assert "社区(村居)类必选项4项；楼宇类必选项2项" in text and "guide.building.mandatory.1" in cited


def test_the_item_a_not_set_answer_quoted_stays_in_view(dialog: Dialog) -> None:
    say(dialog, "我们是嘉定的一个街道，准备报街镇类", user="staff")
    text, cited, replies = say(dialog, "申报条件第一条里说要配备人员，要配几个人？", user="staff")
    assert replies[0].refused and "通知未作规定" in text and "人数" in text
    assert "guide.town.condition.1" in cited and "guide.town.condition.4" not in cited
    text, cited, _ = say(dialog, "那这一条完整是怎么写的？", user="staff")
    assert cited == ["guide.town.condition.1"] and "落实经费" in text


def test_units_counted_before_are_judged_against_their_quota_and_categories_count_apart(dialog: Dialog) -> None:
    say(dialog, "我是浦东一个街道的，辖区有6个居委会都想报社区类。", user="pudong")
    text, cited, _ = say(dialog, "这六个都能报吗？", user="pudong")
    assert "不可以全部申报" in text and "社区(村居)类试点申报个数原则上不超过4个" in text and "plan.4.1" in cited
    text, _, _ = say(dialog, "街道自己再报一个街镇类，会不会占掉他们的名额？", user="pudong")
    assert "名额按类别分别计算" in text and "每个类别不超过4个" in text


def test_a_detail_an_item_never_sets_is_not_set_and_a_refusal_keeps_the_list_in_view(dialog: Dialog) -> None:
    say(dialog, "我是某镇环保办的工作人员。", user="town")
    text, cited, _ = say(dialog, "我们这类必须做的有哪些？", user="town")
    assert "街镇类必选项（共4项" in text
    _, _, replies = say(dialog, "镇里做这些能申请市级专项资金吗？", user="town")
    assert replies[0].refused
    text, cited, _ = say(dialog, "第四条具体说了什么？", user="town")  # the 必选项 listed, not what the refusal quoted
    assert cited[0] == "guide.town.mandatory.4" and "雨污分流" in text
    text, cited, replies = say(dialog, "有没有规定污水要达到什么排放标准？", user="town")
    assert replies[0].refused and text.startswith("通知未作规定") and "需要，这是必选项" not in text
    assert "guide.town.mandatory.4" in cited


@pytest.mark.parametrize("follow_up", ["现在要做什么？", "接下来要做什么？"])
def test_a_step_told_as_done_is_answered_with_the_step_after_it(dialog: Dialog, follow_up: str) -> None:
    text, cited, _ = say(dialog, "我们企业去年报的试点已经审核通过了。", user=follow_up)
    assert text.startswith("试点实施") and "过程管理" in text and cited == ["plan.4.2"]
    text, cited, _ = say(dialog, follow_up, user=follow_up)  # the conversation is at the review passed
    assert "过程管理" in text and cited == ["plan.4.2"]
    text, cited, _ = say(dialog, "然后呢？", user=follow_up)
    assert "典型案例库" in text and cited == ["plan.4.3"]


def test_another_type_named_with_one_word_of_its_item_gets_that_item(dialog: Dialog) -> None:
    say(dialog, "我们是一个镇政府的环保办。", user="catering")
    text, cited, _ = say(dialog, "对餐饮、汽修这些小散污染源建监管机制，在我们这类里是必须做的吗？", user="catering")
    assert cited[0] == "guide.town.innovation.2" and "创新项" in text
    text, cited, _ = say(dialog, "那如果是商务楼宇管餐饮呢？", user="catering")
    assert cited[0] == "guide.building.mandatory.1" and "必选项" in text


def test_these_three_types_are_the_last_three_discussed(dialog: Dialog) -> None:
    for message in ("先说工厂，申报条件是什么？", "园区呢？", "写字楼呢？"):
        say(dialog, message, user="group")
    text, cited, _ = say(dialog, "这三类每个区分别最多能报几个？", user="group")
    assert "企业、楼宇类试点申报个数原则上各不超过4个" in text and "园区类试点申报个数原则上不超过2个" in text
    assert "plan.4.1" in cited


def test_who_fills_in_the_two_opinion_fields_follows_the_fields_told(dialog: Dialog) -> None:
    text, _, _ = say(dialog, "申报表最后有两个意见栏。", user="fields")
    assert "申报单位意见和组织单位意见" in text
    text, cited, _ = say(dialog, "分别由谁来填？", user="fields")
    assert "form.organizer_opinion" in cited and "申报单位" in text and "组织单位" in text


def test_circumstances_told_in_a_statement_are_what_a_later_question_asks_about(dialog: Dialog) -> None:
    say(dialog, "我们街镇去年有几起环境投诉，都已经处理完毕了。", user="complaints")
    text, cited, replies = say(dialog, "这会不会影响我们申报？", user="complaints")
    assert not replies[0].refused and cited == ["guide.town.condition.4"] and "环境投诉案件得到有效处理" in text


def test_another_type_after_one_item_asks_that_type_s_item_on_the_same_thing(dialog: Dialog) -> None:
    say(dialog, "我们是社区居委会。", user="autonomy")
    _, cited, _ = say(dialog, "社区环境自治方面，指引里是怎么说的？", user="autonomy")
    assert cited[0] == "guide.community.innovation.1"
    text, cited, _ = say(dialog, "那楼宇呢？", user="autonomy")
    assert cited[0] == "guide.building.innovation.3" and "自治" in text
    text, cited, _ = say(dialog, "那楼宇的必选项呢？", user="autonomy")  # a kind named asks the list
    assert "楼宇类必选项（共2项" in text


def test_one_type_s_entry_quoted_turns_before_is_found_by_that_type_s_name(dialog: Dialog) -> None:
    text, cited, _ = say(dialog, "园区和街镇，关于建立领导机构或者领导机制的要求分别在哪", user="lead")
    assert {"guide.park.mandatory.1", "guide.town.mandatory.1"} <= set(cited)
    text, cited, _ = say(dialog, "街镇那条具体怎么说", user="lead")
    assert cited[0] == "guide.town.mandatory.1" and "规范化" in text
    text, cited, _ = say(dialog, "园区那条后面还要求什么", user="lead")
    assert cited[0] == "guide.park.mandatory.1" and "指标体系" in text


def test_two_types_asked_about_one_thing_get_each_type_s_entry(dialog: Dialog) -> None:
    text, cited, _ = say(dialog, "对餐饮这类污染源的监管，街镇和楼宇的要求一样吗？", user="catering2")
    assert "街镇类创新项第2项" in text and "楼宇类必选项第1项" in text
    text, cited, _ = say(dialog, "前面说的楼宇那条，除了监管污染源还要求保持什么", user="catering2")
    assert cited[0] == "guide.building.mandatory.1" and "优美" in text


def test_an_item_told_in_an_introduction_is_shown_and_a_correction_changes_who_we_are(dialog: Dialog) -> None:
    text, cited, _ = say(dialog, "我们是一个居委会，小区里垃圾分类做得不错", user="sorting")
    assert "您提到的内容对应社区(村居)类创新项第3项" in text and "guide.community.innovation.3" in cited
    text, cited, _ = say(dialog, "这个在指引里算加分项吗", user="sorting")
    assert cited[0] == "guide.community.innovation.3" and "创新项" in text
    text, cited, _ = say(dialog, "不对，我说错了，我们其实是一栋写字楼的物业。那垃圾分类在楼宇里算什么", user="sorting")
    assert cited[0] == "guide.building.innovation.4"
    text, cited, _ = say(dialog, "那我们的必选项呢", user="sorting")
    assert "楼宇类必选项（共2项" in text


def test_counts_of_several_types_are_judged_and_recalled(dialog: Dialog) -> None:
    text, cited, _ = say(dialog, "我们区今年收到的申报意向是：园区3个，企业5个，社区2个，楼宇4个", user="counts")
    assert "超出名额：园区类3个（上限2个，多出1个）；企业类5个（上限4个，多出1个）" in text and cited == ["plan.4.1"]
    text, _, _ = say(dialog, "哪些类别超了？", user="counts")
    assert "园区类3个（上限2个，多出1个）" in text
    text, _, _ = say(dialog, "楼宇那4个没问题吧", user="counts")
    assert text.startswith("没有超出名额：楼宇类4个（上限4个）")


def test_one_types_applications_counted_by_a_district_are_judged_and_recalled(dialog: Dialog) -> None:
    text, cited, _ = say(dialog, "我是杨浦区生态环境局的，辖区里有7个居委会交了材料", user="one-count")
    assert text.startswith("超出名额：社区(村居)类7个（上限4个，多出3个）") and cited == ["plan.4.1"]
    text, _, _ = say(dialog, "我们能全部报上去吗？", user="one-count")
    assert "超出名额：社区(村居)类7个（上限4个，多出3个）" in text
    text, _, _ = say(dialog, "那园区报3个呢", user="one-count")
    assert "园区类试点申报个数原则上不超过2个" in text and "社区(村居)类7个" not in text


def test_going_over_the_limit_just_told_is_answered_with_that_limit(dialog: Dialog) -> None:
    say(dialog, "实施方案写多少字？", user="over")
    text, cited, replies = say(dialog, "写超了怎么办", user="over")
    assert not replies[0].refused and "可附页" in text and "form.plan" in cited


def test_these_three_asks_of_the_three_types_just_discussed(dialog: Dialog) -> None:
    for message in ("企业申报条件", "那楼宇呢", "社区呢"):
        say(dialog, message, user="three")
    text, cited, _ = say(dialog, "这三个里哪几个有近三年没出突发环境事件的要求", user="three")
    assert cited == ["guide.enterprise.condition.3", "guide.community.condition.3"]
    assert "楼宇类的申报条件、必选项和创新项中没有这一内容" in text and "园区" not in text


def test_telling_more_after_an_introduction_gets_the_item_told_not_the_overview_again(dialog: Dialog) -> None:
    text, _, _ = say(dialog, "我们是一个郊区的镇，农村面积很大。", user="told")
    assert "街镇类申报条件（共4条" in text
    text, cited, _ = say(dialog, "镇里正在谋划一个EOD项目。", user="told")
    assert text.startswith("您提到的内容对应街镇类创新项第5项") and "申报条件" not in text
    text, cited, _ = say(dialog, "这在街镇试点里算什么？", user="told")
    assert cited[0] == "guide.town.innovation.5" and "创新项" in text


def test_an_introduction_in_words_of_no_type_is_shown_the_five_types_not_an_item(dialog: Dialog) -> None:
    text, cited, _ = say(dialog, "我们是做第三方物流的，客户大多是快消品牌。", user="logistics")
    assert "五类" in text and "guide.town.innovation.3" not in cited


def test_a_fact_quoted_under_not_set_stays_in_view(dialog: Dialog) -> None:
    text, _, replies = say(dialog, "专家评估一般啥时候搞", user="evaluation")
    assert replies[0].refused and text.startswith("通知未作规定") and "具体时间" in text
    text, cited, replies = say(dialog, "谁组织的", user="evaluation")
    assert not replies[0].refused and cited == ["plan.4.3"] and "组织专家" in text


def test_items_told_one_by_one_are_counted_back_each_with_its_kind(dialog: Dialog) -> None:
    for said in (
        "第一件，他们每年有节能减排的专项预算，这对应指引哪一条？",
        "第二件，他们设了员工合理化建议箱，专门收节能减排的点子",
        "第三件，他们做了碳排放核算，在搞碳中和",
    ):
        say(dialog, said, user="three-things")
    text, cited, _ = say(dialog, "这三件里面哪几件属于必选项？", user="three-things")
    assert (
        "第一件：企业类必选项第5项" in text and "第三件：企业类创新项第1项" in text and "必选项2件；创新项1件" in text
    )
    assert {"guide.enterprise.mandatory.5", "guide.enterprise.mandatory.7", "guide.enterprise.innovation.1"} <= set(
        cited
    )
    text, _, _ = say(dialog, "这几条都做到位的话，能拿多少分", user="three-things")
    assert "逐件对应" not in text


def test_two_types_asked_of_under_not_set_are_both_in_view_for_the_next_question(dialog: Dialog) -> None:
    say(dialog, "我们是松江的一个镇，镇里有一个市级工业园区，园区管委会和镇政府是两块牌子。", user="two-names")
    _, _, replies = say(dialog, "镇和园区能不能分别各报一个？", user="two-names")
    assert replies[0].refused
    text, _, _ = say(dialog, "两者的必选项有什么区别？", user="two-names")
    assert "园区类必选项" in text and "街镇类必选项" in text


def test_an_item_found_by_a_terse_topic_keeps_its_number_its_kind_and_its_counterpart(dialog: Dialog) -> None:
    text, cited, _ = say(dialog, "园区 公众开放 那个", user="terse")
    assert cited[0] == "guide.park.mandatory.3" and "必选项第3项" in text
    text, cited, _ = say(dialog, "第几条来着", user="terse")
    assert cited[0] == "guide.park.mandatory.3" and "第3项" in text
    text, cited, _ = say(dialog, "必须？", user="terse")
    assert cited[0] == "guide.park.mandatory.3" and "必选项" in text
    text, cited, _ = say(dialog, "企业有类似的吗", user="terse")
    assert cited[0] == "guide.enterprise.mandatory.8" and "信息公开" in text


def test_counts_told_earlier_are_judged_again_when_one_is_named(dialog: Dialog) -> None:
    say(dialog, "今年我们区报上来3家企业、2个楼宇、5个社区", user="counts")
    text, cited, replies = say(dialog, "企业3家能全部报吗", user="counts")
    assert not replies[0].refused and "企业类3个（上限4个）" in text and cited == ["plan.4.1"]
    text, _, _ = say(dialog, "我是浦东新区生态环境局的，今年辖区里报上来3个园区、5个街镇", user="parks")
    text, cited, _ = say(dialog, "园区那3个能都报到市里吗", user="parks")
    assert "超出名额：园区类3个（上限2个，多出1个）" in text and cited == ["plan.4.1"]


def test_a_small_enterprise_in_a_park_is_an_enterprise_and_may_apply_on_its_own(dialog: Dialog) -> None:
    say(dialog, "我们是做精密零部件的小企业，五十来个人，在松江一个工业园里租厂房。", user="tenant")
    say(dialog, "园区管委会说他们可能也要报这个试点。", user="tenant")
    text, cited, replies = say(dialog, "我们企业自己能不能单独报？", user="tenant")
    assert not replies[0].refused and any(c.startswith("guide.enterprise.") for c in cited)
    text, cited, _ = say(dialog, "要满足哪些条件？", user="tenant")
    assert "企业类申报条件" in text and "三同时" in text


def test_a_length_told_of_a_form_field_is_judged_though_a_type_is_named(dialog: Dialog) -> None:
    text, cited, _ = say(dialog, "我们在审一家企业的申报表，他们的单位简介写了500字", user="length")
    assert text.startswith("按您所说（500字），超过了申报单位简介200字以内的要求") and "form.intro" in cited


def test_the_words_before_that_item_pick_the_entry_cited_lately(dialog: Dialog) -> None:
    say(dialog, "镇里 报试点 条件", user="quoted")
    say(dialog, "不对 我们其实是村委会", user="quoted")
    text, cited, _ = say(dialog, "那三年那条呢", user="quoted")
    assert cited[0] == "guide.community.condition.3" and "近三年内" in text


def test_a_plan_s_items_told_are_numbered_and_those_missing_listed(dialog: Dialog) -> None:
    text, cited, _ = say(dialog, "在审一家企业方案，必选项他们只写了清洁生产、自行监测、信息公开三条", user="gaps")
    assert text.startswith("企业类必选项共8项。您提到的对应第2项") and "第8项" in text
    assert "未涉及的必选项（5项）" in text and "全员参与" in text and "guide.enterprise.mandatory.7" in cited
    text, _, _ = say(dialog, "漏了哪些", user="gaps")
    assert "未涉及的必选项（5项）" in text
    text, cited, _ = say(dialog, "第6条具体要求是啥", user="gaps")
    assert cited[0] == "guide.enterprise.mandatory.6"


def test_a_building_not_finished_cannot_apply_and_when_it_is_the_next_deadline_applies(dated: Dialog) -> None:
    text, cited, _ = say(dated, "楼还没竣工 能报吗", user="unfinished")
    assert text.startswith("不可以") and "guide.building.condition.1" in cited
    text, cited, replies = say(dated, "明年竣工的话啥时候报", user="unfinished")
    assert not replies[0].refused and "2027年10月31日" in text and cited == ["plan.4.1"]


def test_does_this_meet_the_conditions_judges_what_was_told_before(dialog: Dialog) -> None:
    say(dialog, "我们区有个商务楼宇项目申报，楼已经竣工了但还没正式投入使用", user="unused")
    text, cited, _ = say(dialog, "这符合条件吗", user="unused")
    assert "不符合本条" in text and "guide.building.condition.1" in cited


def test_a_bare_judgement_after_what_was_told_judges_it(dialog: Dialog) -> None:
    say(dialog, "街镇", user="bare")
    text, cited, _ = say(dialog, "我们前年出过较大突发环境事件 还行吗", user="bare")
    assert "\n不行，不符合申报条件" in text and cited == ["guide.town.condition.4"]  # after 按街镇类回答


def test_every_item_of_the_list_shown_is_judged_by_its_kind(dialog: Dialog) -> None:
    say(dialog, "我们居委会想报试点")
    say(dialog, "必选项有哪些")
    text, cited, _ = say(dialog, "每项都得做吗")
    assert "是，必选项均须在试点实施方案中落实" in text and "guide.community.mandatory.4" in cited
    say(dialog, "创新项有哪些")
    text, _, _ = say(dialog, "这些都要做吗")
    assert "创新项不要求全部开展" in text


def test_the_directions_of_the_innovation_items_are_counted_after_the_scoring(dialog: Dialog) -> None:
    say(dialog, "我们是个村委会，社区类的创新方向有哪些")
    say(dialog, "这部分一共多少分")
    text, cited, _ = say(dialog, "你刚才说的第二个方向，具体要怎么做")
    assert cited[0] == "guide.community.innovation.2" and "噪声扰民" in text
    text, _, replies = say(dialog, "这个不做行不行")
    assert not replies[0].refused and "可选的创新项" in text


def test_a_place_named_after_the_organisers_names_its_organiser(dialog: Dialog) -> None:
    say(dialog, "组织单位是谁")
    text, cited, _ = say(dialog, "如果我们的楼在临港新片区呢")
    assert "您的组织单位是上海自贸区临港新片区管委会" in text and cited == ["plan.4.1"]


def test_the_validity_of_the_notice_is_not_set_and_a_value_the_conditions_lack_neither(dialog: Dialog) -> None:
    _, _, replies = say(dialog, "这个通知现在还有效吗")
    assert replies[0].refused and "通知的有效期限" in replies[0].text
    _, _, replies = say(dialog, "楼宇申报对面积有要求吗")
    assert replies[0].refused and "面积" in replies[0].text


def test_the_annual_report_stays_in_view_when_called_the_report(dated: Dialog) -> None:
    say(dated, "另外市里要的那个年度总结报告什么时候交")
    text, cited, _ = say(dated, "上面那个日期，报告是交给谁的")
    assert cited == ["notice.1"] and "市发展改革委" in text
    text, cited, _ = say(dated, "报告里要写哪些内容")
    assert cited == ["notice.1"] and "存在问题" in text


def test_a_detail_the_notice_leaves_open_does_not_lose_the_list_before_it(dialog: Dialog) -> None:
    say(dialog, "我们企业有ISO14001认证，必选项第一条算满足吗")
    _, _, replies = say(dialog, "第五条经费保障，是不是要附财务审计报告")
    assert replies[0].refused
    text, cited, _ = say(dialog, "那第六条呢")
    assert cited[0] == "guide.enterprise.mandatory.6" and "环境绩效" in text


def test_the_city_s_exchange_meetings_and_the_ministry_are_told_from_the_notice(dialog: Dialog) -> None:
    text, cited, _ = say(dialog, "市里会组织交流会吗")
    assert "notice.3.3" in cited and "经验交流会" in text
    text, cited, replies = say(dialog, "特别好的会报到部里吗")
    assert not replies[0].refused and "生态环境部" in text and "notice.3.3" in cited


def test_of_two_types_told_the_speaker_s_own_is_remembered(dialog: Dialog) -> None:
    say(dialog, "我在普陀一个居委会，街道说我们区有好几个居委都在准备")
    text, cited, _ = say(dialog, "打分怎么打")
    assert cited[0].startswith("guide.community.") and "按社区(村居)类回答" in text


def test_an_item_named_in_the_introduction_is_what_this_practice_points_at(dialog: Dialog) -> None:
    say(dialog, "我在闵行一个街道的环境办，我们跟一家第三方公司合作做环境管家服务")
    text, cited, _ = say(dialog, "这种做法在试点里有说法吗")
    assert cited[0] == "guide.town.innovation.3" and text.startswith("按街镇类回答") and "有，" in text


def test_which_kind_right_after_an_item_is_the_item_s_kind(dialog: Dialog) -> None:
    say(dialog, "我们是做服装代工的公司，上游有一堆面料厂，想把绿色供应链做成特色")
    text, cited, _ = say(dialog, "算哪一类")
    assert cited[0] == "guide.enterprise.innovation.4" and "创新项" in text


def test_a_count_of_one_kind_then_other_types_by_name_counts_theirs(dialog: Dialog) -> None:
    text, _, _ = say(dialog, "我要核对一下各类主体的必选项数量，街镇有几条？")
    assert "街镇类必选项（共4项" in text
    text, cited, _ = say(dialog, "楼宇呢")
    assert "楼宇类必选项（共2项" in text and cited[0] == "guide.building.mandatory.1"


def test_a_short_follow_up_on_the_fact_just_told_is_answered_not_declined(dialog: Dialog) -> None:
    say(dialog, "我们企业在写实施方案，字数上限多少")
    text, cited, replies = say(dialog, "写超了呢")
    assert not replies[0].refused and cited == ["form.plan"] and "可附页" in text
    say(dialog, "联系人有谁")
    text, cited, replies = say(dialog, "那发邮件呢")
    assert not replies[0].refused and "qxyin@sthj.shanghai.gov.cn" in text


def test_then_with_a_question_of_its_own_is_the_step_after_the_one_told(dialog: Dialog) -> None:
    say(dialog, "假设我们企业的试点申报审核通过了")
    say(dialog, "接下来我们要干什么")
    text, cited, replies = say(dialog, "然后呢，会有人来评吗")
    assert not replies[0].refused and cited[0] == "plan.4.3" and "专家" in text


def test_the_quota_of_both_types_just_listed_is_the_quota_not_their_conditions(dialog: Dialog) -> None:
    say(dialog, "先说园区类的申报条件")
    say(dialog, "企业类的呢")
    text, cited, _ = say(dialog, "两类名额各是多少")
    assert cited == ["plan.4.1"] and "园区类试点申报个数原则上不超过2个" in text and "企业类" in text


def test_applying_s_own_date_after_another_dated_fact(dated: Dialog) -> None:
    say(dated, "年度总结报告的截止日期是哪天")
    text, cited, _ = say(dated, "申报的呢")
    assert cited == ["plan.4.1"] and "10月31日" in text


def test_our_own_items_after_asking_for_a_neighbour_are_our_whole_list(dialog: Dialog) -> None:
    say(dialog, "我是一家企业的EHS，我们厂旁边居委的书记也托我问问")
    say(dialog, "社区报的话要什么条件")
    text, cited, _ = say(dialog, "我们自己的必选项有几条")
    assert "企业类必选项（共8项" in text and len(cited) >= 8


def test_a_yes_no_naming_nothing_after_an_introduction_asks_of_the_item_it_named(dialog: Dialog) -> None:
    text, cited, _ = say(dialog, "我们小区想建个网上议事群，让居民和物业一起商量环境问题")
    assert "guide.community.innovation.1" in cited and "您提到的内容对应" in text
    text, cited, _ = say(dialog, "试点里有对得上的内容吗")
    assert cited[0] == "guide.community.innovation.1" and "有，这是可选的创新项" in text


def test_back_to_the_item_before_an_aside_and_that_one_pointing_at_the_item_shown(dialog: Dialog) -> None:
    say(dialog, "我们是浦东的一个镇，镇政府有招商职能")
    say(dialog, "绿色招商在试点里算什么")
    say(dialog, "顺便问下，镇里搞这个，区财政会配套多少钱？")
    text, cited, _ = say(dialog, "好吧，回到刚才那个，具体要做哪些事")
    assert cited[0] == "guide.town.innovation.1" and "准入" in text
    say(dialog, "楼宇里对餐饮的监管怎么要求")
    say(dialog, "街镇那边有没有类似的条目")
    text, cited, _ = say(dialog, "那个是必须的吗")
    assert cited[0] == "guide.town.innovation.2" and "不是必选的" in text


def test_a_count_sent_on_to_the_city_is_judged_against_the_quota(dialog: Dialog) -> None:
    say(dialog, "我是区局负责审核的，今年街镇报上来了6个")
    text, cited, _ = say(dialog, "能不能6个全都报到市里？")
    assert "plan.4.1" in cited and "不超过4个" in text and text.count("不可以") >= 1


def test_a_story_naming_another_type_s_condition_is_judged_though_a_type_is_remembered(dialog: Dialog) -> None:
    say(dialog, "我们小区想建个网上议事群，让居民和物业一起商量环境问题")
    text, cited, replies = say(dialog, "我们是排污登记管理的，没有排污许可证，能报吗")
    assert not replies[0].refused and "guide.enterprise.condition.2" in cited and "登记备案" in text


def test_a_correction_that_compares_both_types_leaves_the_corrected_one_remembered(dialog: Dialog) -> None:
    """“是镇政府报，不是村。那条件是不是不一样？” may show both lists; the next ellipsis is asked of 街镇."""
    say(dialog, "村委会报需要什么条件？")
    say(dialog, "不对不对，我搞错了，是镇政府报，不是村。那条件是不是不一样？")
    text, cited, _ = say(dialog, "那必选项呢")
    assert text.startswith("按街镇类回答") and "网格化" in text
    assert "guide.town.mandatory.2" in cited


def test_a_correction_after_a_polite_word_switches_the_type(dialog: Dialog) -> None:
    say(dialog, "我们是一家企业，想报这个试点。")
    text, cited, _ = say(dialog, "不好意思说错了，我们其实是集团下属的物业公司，管的是集团的商务大楼。那要什么条件？")
    assert "已建成投用" in text and not any(c.startswith("guide.enterprise") for c in cited)
    text, cited, _ = say(dialog, "那必选项呢")
    assert "guide.building.mandatory.1" in cited


def test_counts_told_before_any_question_are_judged_when_asked_about(dialog: Dialog) -> None:
    say(dialog, "我在区生态环境局负责这个试点的初审。今年区里收上来3个园区、5个街镇的申报，我得先筛一遍。")
    text, cited, _ = say(dialog, "园区报3个是不是超了？")
    assert "园区类3个（上限2个，多出1个）" in text and "plan.4.1" in cited
    text, _, _ = say(dialog, "街镇那5个呢？")
    assert "街镇类5个（上限4个，多出1个）" in text


def test_several_questions_in_one_message_leave_the_type_remembered(dialog: Dialog) -> None:
    say(dialog, "我是徐汇一个街道的，想一次问清楚：街镇报试点要满足什么条件？材料交几份？什么时候交？")
    text, cited, _ = say(dialog, "条件第三条是什么意思？")
    assert text.startswith("按街镇类回答") and "环境基础设施" in text
    assert cited[0] == "guide.town.condition.3"


def test_another_type_asked_after_one_entry_gets_its_entry_about_the_same_thing(dialog: Dialog) -> None:
    """“街镇 环境投诉有啥要求” → 街镇条件4; “楼宇呢” → 楼宇's condition on 投诉; “社区呢” → 社区's 投诉调解 item."""
    say(dialog, "街镇 环境投诉有啥要求")
    _, cited, _ = say(dialog, "楼宇呢")
    assert cited == ["guide.building.condition.3"]
    text, cited, _ = say(dialog, "社区呢")
    assert cited[0] == "guide.community.mandatory.2" and "投诉调解" in text


def test_the_one_shown_before_is_compared_with_the_last(dialog: Dialog) -> None:
    say(dialog, "园区对排污许可有啥要求")
    _, cited, _ = say(dialog, "那企业自己报呢")
    assert cited == ["guide.enterprise.condition.2"]
    text, cited, _ = say(dialog, "跟刚才那个有啥区别")
    assert cited == ["guide.park.condition.3", "guide.enterprise.condition.2"] and "全覆盖" in text


def test_a_short_follow_up_the_notice_finds_nothing_in_continues_the_topic_in_view(dialog: Dialog) -> None:
    """“还有什么激励” after the rewards, “剩下的呢” after the scoring: read as more of the same topic, saying so —
    not the off-topic refusal."""
    say(dialog, "做得好会往国家那边报吗？")
    text, cited, replies = say(dialog, "还有什么激励")
    assert text.startswith("接着“政策鼓励与奖励”回答") and not replies[0].refused
    assert {"notice.3.3", "plan.4.3"} & set(cited)
    say(dialog, "企业创新项60分怎么细分", user="m2")
    text, cited, _ = say(dialog, "剩下的呢", user="m2")
    assert "缺失" in text and "guide.enterprise.scoring" in cited


def test_a_short_question_of_its_own_is_not_read_as_more_of_the_topic(dialog: Dialog) -> None:
    say(dialog, "联系人是谁")
    text, _, replies = say(dialog, "他们周六上班吗")
    assert replies[0].refused and not text.startswith("接着")


def test_then_alone_asks_the_step_after_the_one_just_told(dialog: Dialog) -> None:
    say(dialog, "审核通过后干嘛")
    text, cited, _ = say(dialog, "然后")
    assert "plan.4.3" in cited and "专家" in text
    text, cited, _ = say(dialog, "入选了呢")
    assert "表彰奖励" in text


def test_the_entry_retrieval_quoted_first_is_the_one_asked_about_next(dialog: Dialog) -> None:
    say(dialog, "园区管委会这边问一下")
    _, cited, _ = say(dialog, "园区跟企业之间要建个什么机制？")
    assert cited[0] == "guide.park.mandatory.3"
    text, cited, _ = say(dialog, "这个是必须的吗？")
    assert "必选项" in text and cited[0] == "guide.park.mandatory.3"
    text, cited, _ = say(dialog, "那条里还要组织企业干什么？")
    assert cited[0] == "guide.park.mandatory.3" and "社会责任" in text


def test_an_entry_quoted_behind_the_plans_clause_on_its_type_is_the_one_judged_next(dialog: Dialog) -> None:
    say(dialog, "我们是一家危化品仓储企业。")
    say(dialog, "风险防控在试点里有要求吗")
    text, cited, _ = say(dialog, "是必须的吗")
    assert cited[0] == "guide.enterprise.mandatory.3" and "必选项" in text


def test_a_value_asked_of_the_last_entry_pointed_at_is_that_entrys(dialog: Dialog) -> None:
    say(dialog, "我是居委会的，我们小区想参加那个环境治理的试点")
    say(dialog, "要满足啥条件？")
    text, cited, replies = say(dialog, "你刚说的最后一个，近几年没出过事，是几年？")
    assert not replies[0].refused and cited[0] == "guide.community.condition.3" and "近三年" in text


def test_a_unit_judged_not_of_a_type_is_not_taken_to_be_one(dialog: Dialog) -> None:
    """“住宅小区能按楼宇报吗” → 不可以: the next “那按啥报” is not answered as a 楼宇 again."""
    text, _, _ = say(dialog, "我管的是住宅小区 能按楼宇报吗")
    assert text.startswith("不可以")
    text, _, _ = say(dialog, "那按啥报")
    assert not text.startswith("按楼宇类回答") and "社区(村居)" in text


def test_another_types_nearest_entry_is_said_to_be_only_the_nearest(dialog: Dialog) -> None:
    """“楼宇呢” after 社区's 基金会 item: 楼宇 has no entry about 基金会; its nearest is quoted as such."""
    say(dialog, "找基金会支持环保公益，这在社区是加分还是必须？")
    say(dialog, "街镇有类似的吗？")
    text, cited, _ = say(dialog, "楼宇呢？")
    assert text.startswith("楼宇类的条目中没有提到“基金会”") and cited[0].startswith("guide.building.")
    say(dialog, "街镇 环境投诉有啥要求", user="m2")
    text, cited, _ = say(dialog, "楼宇呢", user="m2")
    assert "没有提到" not in text and cited[0] == "guide.building.condition.3"  # 投诉 is said there


def test_the_steps_of_applying_follow_one_another_from_the_first(dialog: Dialog) -> None:
    """“第一步要干什么” is the first step, not the programme's goal; “然后呢” is the organiser's review."""
    say(dialog, "我是徐汇区某街道的，想问下整个申报流程")
    text, cited, _ = say(dialog, "第一步要干什么？")
    assert "实施方案" in text and "plan.4.1" in cited and "plan.1" not in cited
    text, cited, _ = say(dialog, "然后呢？")
    assert "组织单位" in text and "审核" in text and "plan.4.1" in cited


def test_a_type_the_applicant_acts_on_does_not_switch_the_conversation_to_it(dialog: Dialog) -> None:
    """“园区要推企业公开环境信息吗”: 企业 is whom the park pushes, so the park stays the type in view."""
    say(dialog, "化工园区管委会")
    text, cited, _ = say(dialog, "园区要推企业公开环境信息吗")
    assert cited[0] == "guide.park.mandatory.3" and "必选项" in text
    text, cited, _ = say(dialog, "必选项占多少分")
    assert "guide.park.mandatory_score" in cited and "企业类" not in text


def test_a_unit_introducing_itself_with_its_size_is_remembered_as_its_type(dialog: Dialog) -> None:
    """Its population told in passing asks nothing: the town's overview answers, and the type is kept."""
    intro = "我是闵行一个镇环保办的，镇里常住人口大概12万，去年刚做完雨污分流改造，领导想报这个试点"
    text, _, replies = say(dialog, intro)
    assert not replies[0].refused and "街镇类申报条件" in text
    text, cited, _ = say(dialog, "我们这种要满足什么条件？")
    assert text.startswith("按街镇类回答") and "guide.town.condition.1" in cited
