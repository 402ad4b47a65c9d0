"""Member development's entries in the personal-information register (lvxie.core.personal_data). Who
applies to join the Party is political affiliation (PIPL art. 28): Party-side roles only, reads audited."""

from lvxie.accounts.personal_data import party_field
from lvxie.core.personal_data import OwnData, register

register(
    "recruitment.recruit",
    {
        "org": party_field("the branch developing the person"),
        "person_kind": party_field("lawyer, trainee or firm staff"),
        "lawyer": party_field("who applied to join the Party (a lawyer)"),
        "trainee": party_field("who applied to join the Party (a trainee)"),
        "name": party_field("who applied to join the Party"),
        "firm": party_field("the applicant's firm"),
        "birth_year": party_field("the applicant's age group (development leans towards young lawyers)"),
        "firm_manager": party_field("whether the applicant manages a firm"),
        "stage": party_field("where the person stands on the way into the Party"),
        "applied_on": party_field("date of the application"),
        "activist_on": party_field("date of becoming an activist"),
        "target_on": party_field("date of becoming a development target"),
        "admitted_on": party_field("date the branch admitted the person"),
        "approved_on": party_field("date the committee approved the admission"),
        "probation_ends_on": party_field("end of the probationary year"),
        "extended": party_field("whether the probation was extended"),
        "extension_months": party_field("the extension the branch asked for"),
        "full_on": party_field("date of becoming a full member"),
        "ended_on": party_field("date the development ended"),
        "introducer_1": party_field("first introducer (a member)"),
        "introducer_2": party_field("second introducer (a member)"),
        "membership": party_field("the Party roll's membership started"),
    },
    not_personal={"id", "version", "created_at"},
    own_data=(OwnData("party_recruitment", "lawyer"),),
)

register(
    "recruitment.recruitevent",
    {
        "recruit": party_field("whose development the decision concerns"),
        "step": party_field("the decision taken"),
        "from_stage": party_field("the stage before"),
        "to_stage": party_field("the stage after"),
        "decided_on": party_field("date of the decision"),
        "body": party_field("who decided"),
        "reference": party_field("the minutes or approval referred to"),
        "meeting": party_field("the branch meeting that decided"),
        "reason": party_field("the reason given"),
        "actor": party_field("who recorded the decision (a secretary or committee staff)"),
        "actor_name": party_field("who recorded the decision, as named then"),
    },
    not_personal={"id", "at"},
    # A secretary's or committee staff member's own acts; whose development it was is not theirs.
    own_data=(
        OwnData(
            "recruitment_decisions_recorded", "actor", frozenset({"actor", "actor_name"}), describe=False
        ),
    ),
)
