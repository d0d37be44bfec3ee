"""Draw an invented GRADE guideline (postoperative delirium in older adults).

Usage: python make_pdf.py OUT.pdf
House style: two-column running text; statements numbered with a section
prefix (e.g. 3.1.3) in bold inline, multi-part statements as (a)/(b) under a
single number, and the grade given in a separate sentence after each statement.
"""

import sys

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import (
    BaseDocTemplate,
    Frame,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

TITLE = "Prevention and Management of Postoperative Delirium in Older Adults: 2025 NAPBH Clinical Practice Guideline"
SOCIETY = "Northern Alliance for Perioperative Brain Health (NAPBH)"
JOURNAL = "Journal of Perioperative and Geriatric Care"

# (num, part, direction, strength, certainty, grade_form, text, rationale)
# grade_form: 1 = "This is a X recommendation based on Y-certainty evidence."
#             2 = "(X recommendation; Y certainty of evidence.)"
#             3 = "The panel made a X recommendation; the certainty of the evidence was rated Y."
RECS = [
    # ---- Section 2 ----
    (
        "2.1.1",
        "",
        "for",
        "strong",
        "moderate",
        1,
        "We recommend that all adults aged 65 years or older who are scheduled for surgery undergo "
        "preoperative screening for delirium risk factors, including pre-existing cognitive impairment, "
        "hearing or vision impairment, frailty and polypharmacy.",
        "Risk stratification allows prevention resources to be directed to those most likely to benefit. "
        "Seven prospective cohorts consistently identified these factors as the strongest predictors.",
    ),
    (
        "2.1.2",
        "",
        "for",
        "conditional",
        "low",
        2,
        "We suggest that a brief cognitive screening test, such as the Mini-Cog, be administered as part "
        "of routine preoperative assessment.",
        "Brief tests take less than five minutes; the panel noted that a positive screen is not a "
        "diagnosis of dementia and should be communicated with care.",
    ),
    (
        "2.2.1",
        "",
        "for",
        "conditional",
        "moderate",
        3,
        "We suggest a structured preoperative medication review, with deprescribing of medications that "
        "carry a high anticholinergic burden where this is clinically feasible.",
        "Anticholinergic burden scores were associated with postoperative delirium in 5 cohort studies; "
        "two small randomised trials of pharmacist-led review showed a trend towards benefit.",
    ),
    (
        "2.2.2",
        "a",
        "against",
        "conditional",
        "very low",
        1,
        "In patients who take a benzodiazepine long term, we suggest not discontinuing it abruptly before surgery.",
        None,
    ),
    (
        "2.2.2",
        "b",
        "against",
        "strong",
        "moderate",
        1,
        "We recommend against starting a new benzodiazepine as premedication or for preoperative "
        "anxiolysis in patients aged 65 years or older.",
        "Abrupt withdrawal may itself precipitate delirium, whereas new perioperative benzodiazepine "
        "exposure was associated with a higher incidence of delirium across 8 observational studies and "
        "3 randomised trials.",
    ),
    (
        "2.3.1",
        "",
        "for",
        "conditional",
        "low",
        2,
        "We suggest that patients and their families or carers receive preoperative education about "
        "postoperative delirium, including its signs and the role of family in prevention.",
        "Patient partners on the panel placed high value on being forewarned; written and verbal "
        "information were both considered acceptable.",
    ),
    # ---- Section 3 ----
    (
        "3.1.1",
        "",
        "for",
        "conditional",
        "moderate",
        1,
        "For older adults receiving general anaesthesia, we suggest processed electroencephalogram "
        "(EEG)-guided titration of anaesthetic depth to avoid excessively deep anaesthesia.",
        "A meta-analysis of 11 randomised trials (n = 6,284) found a modest reduction in delirium "
        "incidence (risk ratio 0.81); the largest single trial was neutral, which lowered confidence.",
    ),
    (
        "3.1.2",
        "",
        "against",
        "conditional",
        "moderate",
        3,
        "In older adults undergoing hip fracture surgery, we suggest not selecting neuraxial anaesthesia "
        "over general anaesthesia for the sole purpose of preventing postoperative delirium.",
        "Two large pragmatic trials found no difference in delirium between spinal and general "
        "anaesthesia; the choice should rest on other patient and surgical factors.",
    ),
    (
        "3.1.3",
        "a",
        "for",
        "conditional",
        "low",
        1,
        "We suggest intraoperative dexmedetomidine for older adults undergoing major non-cardiac surgery under general anaesthesia.",
        None,
    ),
    (
        "3.1.3",
        "b",
        "against",
        "strong",
        "low",
        1,
        "Dexmedetomidine should not be used in patients with a baseline heart rate below 50 beats per "
        "minute or with second- or third-degree heart block without a functioning pacemaker.",
        "Trials reported a reduction in delirium with dexmedetomidine but with clinically important "
        "bradycardia and hypotension; the panel therefore made a strong recommendation against its use "
        "where these harms are most likely, despite low certainty of evidence.",
    ),
    (
        "3.1.4",
        "",
        "against",
        "strong",
        "high",
        2,
        "We recommend against the intraoperative administration of ketamine for the purpose of preventing postoperative delirium.",
        "Adequately powered randomised trials showed no reduction in delirium and an increase in hallucinations and nightmares.",
    ),
    (
        "3.2.1",
        "",
        "for",
        "conditional",
        "low",
        3,
        "We suggest that intraoperative hypotension be avoided, targeting a mean arterial pressure of "
        "at least 65 mmHg or within 20% of the patient's preoperative baseline.",
        "Observational data link sustained hypotension to delirium; trials of individualised blood-pressure targets were small.",
    ),
    (
        "3.2.2",
        "",
        "against",
        "conditional",
        "low",
        1,
        "We suggest that transdermal scopolamine (hyoscine) patches not be used for prophylaxis of "
        "postoperative nausea and vomiting in patients aged 65 years or older.",
        "Alternative antiemetics without central anticholinergic effects are widely available.",
    ),
    # ---- Section 4 ----
    (
        "4.1.1",
        "",
        "for",
        "strong",
        "moderate",
        1,
        "We recommend multicomponent non-pharmacological delirium prevention programmes, including "
        "reorientation, sleep hygiene, hydration, mobilisation and use of sensory aids, for all older "
        "adults after surgery.",
        "Fourteen randomised and controlled before-after studies showed a consistent reduction in "
        "delirium incidence with no important harms.",
    ),
    (
        "4.1.2",
        "a",
        "for",
        "conditional",
        "low",
        2,
        "We suggest that patients' own eyeglasses and hearing aids be returned as early as possible "
        "after surgery, ideally in the post-anaesthesia care unit.",
        None,
    ),
    (
        "4.1.2",
        "b",
        "for",
        "conditional",
        "very low",
        2,
        "We suggest flexible or extended visiting for family members and carers, including in the "
        "post-anaesthesia care unit where feasible.",
        "Sensory and social reorientation were valued highly by patient partners; direct evidence was "
        "limited to small single-centre studies.",
    ),
    (
        "4.1.3",
        "",
        "for",
        "conditional",
        "low",
        3,
        "We suggest mobilisation out of bed within 24 hours of surgery, when this is surgically safe.",
        "Early mobilisation is a component of most enhanced recovery pathways.",
    ),
    (
        "4.2.1",
        "a",
        "against",
        "strong",
        "high",
        1,
        "We recommend against the routine use of prophylactic haloperidol to prevent postoperative delirium.",
        None,
    ),
    (
        "4.2.1",
        "b",
        "against",
        "conditional",
        "low",
        1,
        "We suggest not using second-generation antipsychotics, such as olanzapine or risperidone, for delirium prophylaxis.",
        "Pooled data from 9 randomised trials (n = 3,412) showed no reduction in delirium incidence "
        "with prophylactic haloperidol; data for second-generation agents were sparse and imprecise.",
    ),
    (
        "4.2.2",
        "",
        "against",
        "conditional",
        "low",
        3,
        "We suggest against the routine perioperative use of melatonin or melatonin-receptor agonists for delirium prevention.",
        "Trial results were inconsistent; the panel noted low risk of harm but no reliable benefit.",
    ),
    (
        "4.2.3",
        "",
        "against",
        "strong",
        "moderate",
        1,
        "We recommend against the use of cholinesterase inhibitors, such as donepezil or rivastigmine, to prevent postoperative delirium.",
        "Trials showed no benefit and more gastrointestinal adverse effects.",
    ),
    (
        "4.3.1",
        "",
        "for",
        "strong",
        "moderate",
        2,
        "We recommend routine screening for delirium with a validated tool, such as the 4AT or the "
        "Confusion Assessment Method, at least once per nursing shift during the first 3 postoperative "
        "days.",
        "Hypoactive delirium is frequently missed without structured screening.",
    ),
    (
        "4.3.2",
        "",
        "for",
        "conditional",
        "moderate",
        1,
        "For older adults undergoing emergency hip fracture surgery, we suggest geriatric medicine co-management (orthogeriatric care).",
        "Randomised trials of orthogeriatric models reduced delirium and were acceptable to staff.",
    ),
    # ---- Section 5 ----
    (
        "5.1.1",
        "",
        "for",
        "strong",
        "low",
        3,
        "We recommend that multicomponent non-pharmacological measures be continued and intensified in "
        "patients who develop postoperative delirium.",
        "Although direct evidence in established delirium is limited, the panel judged the benefits to "
        "clearly outweigh the negligible harms.",
    ),
    (
        "5.1.2",
        "a",
        "against",
        "conditional",
        "low",
        1,
        "We suggest against the routine use of antipsychotic medications to treat postoperative delirium.",
        None,
    ),
    (
        "5.1.2",
        "b",
        "for",
        "conditional",
        "very low",
        1,
        "In patients with severe agitation that poses a risk of harm to themselves or others, and in "
        "whom non-pharmacological de-escalation has failed, we suggest short-term low-dose haloperidol.",
        "Antipsychotics did not shorten delirium duration in trials. When haloperidol is used, the panel "
        "advises a starting dose of 0.25 to 0.5 mg orally or intravenously, for no longer than 3 days, "
        "with QTc monitoring.",
    ),
    (
        "5.1.3",
        "",
        "against",
        "strong",
        "moderate",
        2,
        "Benzodiazepines should not be used to treat postoperative delirium, except in delirium caused "
        "by alcohol or benzodiazepine withdrawal.",
        "Benzodiazepines worsened or prolonged delirium in randomised and observational studies.",
    ),
    (
        "5.1.4",
        "",
        "against",
        "strong",
        "low",
        3,
        "We recommend that clinicians do not use physical restraints to manage agitation associated with postoperative delirium.",
        "Restraints are associated with injury, pressure damage and prolonged delirium.",
    ),
    (
        "5.2.1",
        "",
        "for",
        "conditional",
        "very low",
        1,
        "We suggest a structured assessment of cognitive function before hospital discharge for "
        "patients who experienced postoperative delirium.",
        "Delirium is associated with persisting cognitive change; identification allows appropriate follow-up to be arranged.",
    ),
]


def grade_sentence(strength, certainty, form):
    if form == 1:
        return f"This is a {strength} recommendation based on {certainty}-certainty evidence."
    if form == 2:
        return f"({strength.capitalize()} recommendation; {certainty} certainty of evidence.)"
    return f"The panel made a {strength} recommendation; the certainty of the evidence was rated {certainty}."


SECTIONS = {
    "2": (
        "2. Preoperative assessment and preparation",
        {"2.1": "2.1 Risk assessment", "2.2": "2.2 Medication management", "2.3": "2.3 Patient and family information"},
    ),
    "3": ("3. Intraoperative management", {"3.1": "3.1 Anaesthetic technique and agents", "3.2": "3.2 Physiological management"}),
    "4": (
        "4. Postoperative prevention",
        {"4.1": "4.1 Non-pharmacological prevention", "4.2": "4.2 Pharmacological prophylaxis", "4.3": "4.3 Detection and models of care"},
    ),
    "5": ("5. Management of established postoperative delirium", {"5.1": "5.1 Treatment", "5.2": "5.2 Discharge and follow-up"}),
}

GPS = {
    "2.3": "Good practice statement. Information about delirium should be offered in a format "
    "suited to the patient's language, literacy and sensory needs.",
    "5.1": "Good practice statement. Every patient with new postoperative delirium should be "
    "assessed promptly for precipitating causes, including infection, hypoxaemia, urinary "
    "retention, constipation, electrolyte disturbance and recently started medications.",
    "5.2": "Good practice statement. The discharge summary sent to the primary care clinician "
    "should explicitly record the episode of delirium and any medication changes made.",
}


def build(out):
    ss = getSampleStyleSheet()
    body = ParagraphStyle(
        "body", parent=ss["Normal"], fontName="Times-Roman", fontSize=9.2, leading=11.6, alignment=TA_JUSTIFY, spaceAfter=4
    )
    rec = ParagraphStyle("rec", parent=body, spaceBefore=3, spaceAfter=2)
    grade = ParagraphStyle("grade", parent=body, fontName="Times-Italic", spaceAfter=3)
    gps = ParagraphStyle("gps", parent=body, fontName="Times-Italic", leftIndent=8, textColor=colors.HexColor("#333333"))
    h1 = ParagraphStyle(
        "h1",
        parent=ss["Heading2"],
        fontName="Helvetica-Bold",
        fontSize=11,
        spaceBefore=8,
        spaceAfter=4,
        textColor=colors.HexColor("#5a1e4a"),
    )
    h2 = ParagraphStyle("h2", parent=ss["Heading3"], fontName="Helvetica-Bold", fontSize=9.5, spaceBefore=6, spaceAfter=3)
    title = ParagraphStyle(
        "title", parent=ss["Title"], fontName="Helvetica-Bold", fontSize=17, leading=21, textColor=colors.HexColor("#5a1e4a")
    )
    small = ParagraphStyle("small", parent=body, fontSize=8, leading=10)
    center = ParagraphStyle("center", parent=small, alignment=TA_CENTER)
    cell = ParagraphStyle("cell", parent=small, alignment=0, fontSize=7.8, leading=9.4)

    W, H = A4
    lm = rm = 16 * mm
    top, bot = 20 * mm, 18 * mm
    gap = 6 * mm
    colw = (W - lm - rm - gap) / 2

    def deco(canv, doc):
        canv.saveState()
        canv.setFont("Helvetica", 7.5)
        canv.setFillColor(colors.HexColor("#5a1e4a"))
        canv.drawString(lm, H - 12 * mm, f"{JOURNAL} | 2025; 14(2): 101-108")
        canv.drawRightString(W - rm, H - 12 * mm, "NAPBH GUIDELINE")
        canv.setStrokeColor(colors.HexColor("#5a1e4a"))
        canv.line(lm, H - 13.5 * mm, W - rm, H - 13.5 * mm)
        canv.setFillColor(colors.black)
        canv.drawCentredString(W / 2, 10 * mm, str(100 + doc.page))
        canv.restoreState()

    doc = BaseDocTemplate(
        out,
        pagesize=A4,
        leftMargin=lm,
        rightMargin=rm,
        topMargin=top,
        bottomMargin=bot,
        title=TITLE,
        author="NAPBH Guideline Panel",
        subject="GRADE clinical practice guideline",
        creator="make_pdf.py",
    )
    full = Frame(lm, bot, W - lm - rm, H - top - bot, id="full")
    left = Frame(lm, bot, colw, H - top - bot, id="left")
    right = Frame(lm + colw + gap, bot, colw, H - top - bot, id="right")
    doc.addPageTemplates(
        [
            PageTemplate("first", [full], onPage=deco),
            PageTemplate("two", [left, right], onPage=deco),
            PageTemplate("wide", [full], onPage=deco),
        ]
    )

    s = []

    def P(t, st=body):
        return s.append(Paragraph(t, st))

    P("CLINICAL PRACTICE GUIDELINE", center)
    P(TITLE, title)
    P(
        "Imogen R. Castellanos, MD<super>1</super>; Tobias W. Lindqvist, MBChB<super>2</super>; "
        "Adaeze N. Okonkwo, RN, PhD<super>3</super>; Rafael M. Duarte, PharmD<super>4</super>; "
        "Helena S. Brandt, MSc<super>5</super>; Kenji O. Whitcombe, MD, PhD<super>1,6</super>; "
        "for the NAPBH Perioperative Delirium Guideline Panel",
        center,
    )
    P(
        "<super>1</super>Department of Anaesthesia, Riverside University Hospital; <super>2</super>Department "
        "of Geriatric Medicine, Lakeshore General; <super>3</super>School of Nursing, Eastvale University; "
        "<super>4</super>Pharmacy Services, Northgate Health; <super>5</super>GRADE Methods Centre, "
        "Eastvale University; <super>6</super>NAPBH Guidelines Committee",
        center,
    )
    P(
        "Received 12 November 2024; accepted 3 February 2025; published online 24 February 2025. "
        "Approved by the NAPBH Board of Directors on 28 January 2025. Literature searches current to "
        "14 March 2024 (updated targeted search 30 August 2024). This guideline replaces the 2018 NAPBH "
        "consensus statement on perioperative delirium.",
        center,
    )
    s.append(Spacer(1, 6))
    P("Abstract", h1)
    P(
        "<b>Background:</b> Postoperative delirium affects between 15% and 50% of older surgical "
        "patients and is associated with longer hospital stay, institutional discharge and death. "
        "<b>Objective:</b> To provide evidence-based recommendations for the prevention, detection and "
        "management of postoperative delirium in older adults. <b>Methods:</b> A multidisciplinary "
        "panel of 17 members (10 clinicians from anaesthesia, surgery, geriatric medicine and "
        "psychiatry; 2 nurses; 1 pharmacist; 2 patient partners; and 2 GRADE methodologists) "
        "prioritised 24 questions. Systematic reviews were conducted and the certainty of evidence was "
        "rated using the GRADE approach. The panel met on four occasions between June and September "
        "2024. <b>Results:</b> The panel made 29 graded recommendations (11 strong and 18 conditional) "
        "under 24 recommendation numbers, together with 3 ungraded good practice statements. "
        "<b>Conclusions:</b> Non-pharmacological multicomponent prevention and structured screening "
        "are central; routine pharmacological prophylaxis with antipsychotics, ketamine or "
        "cholinesterase inhibitors is not recommended.",
        body,
    )
    P("How to read this guideline", h1)
    P(
        "Recommendations are numbered by section (for example, 3.1.3 is the third recommendation in "
        "section 3.1). Where a number contains more than one graded statement, the parts are labelled "
        "(a) and (b) and each part is graded separately. The strength of each recommendation and the "
        "certainty of the underlying evidence are given in the sentence immediately after the "
        'statement. A <i>strong</i> recommendation ("we recommend") means that the panel was '
        "confident that the desirable effects clearly outweigh the undesirable effects, or vice versa; "
        'a <i>conditional</i> recommendation ("we suggest") means that the balance is less certain and '
        "that most, but not all, informed patients would choose the recommended course. Certainty of "
        "evidence is rated high, moderate, low or very low. Good practice statements are ungraded and "
        "are marked as such.",
        body,
    )

    s.append(NextPageTemplate("two"))
    s.append(PageBreak())
    P("1. Introduction and scope", h1)
    P(
        "Delirium is an acute disturbance of attention and awareness that develops over a short period "
        "and tends to fluctuate. In older surgical patients it is common, frequently unrecognised, and "
        "potentially preventable in up to a third of cases. The 2018 NAPBH consensus statement was "
        "based on expert opinion; this guideline is the first NAPBH document developed using the GRADE "
        "approach. Several former consensus points (for example, former point 12 on routine "
        "haloperidol) have been superseded."
    )
    P("1.1 Target population", h2)
    P(
        "This guideline applies to adults aged 65 years or older undergoing elective or emergency "
        "non-cardiac surgery under general, neuraxial or regional anaesthesia, in any inpatient or "
        "day-surgery setting."
    )
    P("1.2 Populations excluded", h2)
    P(
        "The recommendations do not apply to: (i) patients undergoing cardiac surgery; (ii) patients "
        "undergoing intracranial neurosurgery; (iii) patients who required invasive mechanical "
        "ventilation for more than 24 hours before surgery; (iv) patients with delirium due to "
        "alcohol withdrawal; (v) adults younger than 65 years and children; (vi) procedures performed "
        "under local anaesthesia alone or procedural sedation outside the operating theatre; and "
        "(vii) patients receiving end-of-life care."
    )
    P("1.3 Topics this guideline does not address", h2)
    P(
        "This guideline does not address: the choice between total intravenous anaesthesia with "
        "propofol and volatile anaesthesia; postoperative analgesic regimens; prehabilitation exercise "
        "programmes; perioperative nutritional supplementation; music or aromatherapy interventions; "
        "and long-term postoperative neurocognitive disorder persisting beyond 30 days. These topics "
        "were considered by the panel but not prioritised, and may be addressed in a future update."
    )
    P("1.4 Intended users", h2)
    P(
        "Anaesthetists, surgeons, perioperative and ward nurses, geriatricians, pharmacists, "
        "physiotherapists and hospital managers, as well as patients and families."
    )
    P("1.5 Methods", h2)
    P(
        "The panel was convened by the NAPBH Guidelines Committee in January 2024. Of 17 voting "
        "members, 3 declared relevant financial interests (consultancy for a manufacturer of EEG "
        "monitors and of dexmedetomidine) and were recused from voting on recommendations 3.1.1 and "
        "3.1.3. Questions were structured in PICO format; the GRADE Methods Centre at Eastvale "
        "University performed systematic reviews of randomised trials and, where trials were lacking, "
        "observational studies. Evidence-to-decision frameworks considered benefits, harms, values, "
        "resource use, equity, acceptability and feasibility. Recommendations required at least 80% "
        "agreement; all recommendations reached this threshold, and 4.1.2(b) required a second round "
        "of voting. External review involved 6 stakeholder organisations and a 30-day public "
        "consultation in October 2024."
    )

    for _sec, (sec_title, subs) in SECTIONS.items():
        P(sec_title, h1)
        for sub, sub_title in subs.items():
            P(sub_title, h2)
            items = [r for r in RECS if r[0].rsplit(".", 1)[0] == sub]
            i = 0
            while i < len(items):
                num = items[i][0]
                group = [r for r in items if r[0] == num]
                i += len(group)
                block = []
                if len(group) == 1 and group[0][1] == "":
                    _, _, _, st, ce, form, text, rat = group[0]
                    block.append(Paragraph(f"<b>{num}</b>&nbsp;&nbsp;<b>{text}</b>", rec))
                    block.append(Paragraph(grade_sentence(st, ce, form), grade))
                    rationale = rat
                else:
                    rationale = None
                    for j, (_, part, _, st, ce, form, text, rat) in enumerate(group):
                        lead = f"<b>{num}</b>&nbsp;&nbsp;" if j == 0 else "&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;"
                        block.append(Paragraph(f"{lead}<b>({part}) {text}</b>", rec))
                        block.append(Paragraph(grade_sentence(st, ce, form), grade))
                        if rat:
                            rationale = rat
                s.append(KeepTogether(block))
                if rationale:
                    P("<i>Rationale.</i> " + rationale)
            if sub in GPS:
                P(GPS[sub], gps)

    P("6. Implementation considerations", h1)
    P(
        "Multicomponent programmes require dedicated nursing time and training. Hospitals may adapt "
        "existing models such as the Hospital Elder Life Program. Screening with the 4AT can be "
        "completed in under two minutes and does not require special training. Electronic health "
        "record prompts for anticholinergic burden and for benzodiazepine prescribing in patients aged "
        "65 years or older may support recommendations 2.2.1 and 2.2.2."
    )
    P("7. Research priorities", h1)
    P(
        "The panel identified the following priorities: trials of dexmedetomidine dosing and timing; "
        "adequately powered trials of melatonin; the effect of family presence in recovery areas; and "
        "core outcome sets that include patient-reported outcomes."
    )
    P("8. Updating", h1)
    P(
        "The NAPBH will review the evidence annually and plans a full update by 2030, or earlier if "
        "new evidence is likely to change a recommendation."
    )
    P("Funding and disclosures", h1)
    P(
        "This guideline was funded entirely by the NAPBH, without industry support. Declarations of "
        "interest are listed in Supplementary Appendix 2."
    )

    s.append(NextPageTemplate("wide"))
    s.append(PageBreak())
    P("Table 1. Summary of recommendations", h1)
    hdr = [
        Paragraph("<b>No.</b>", cell),
        Paragraph("<b>Recommendation (abridged)</b>", cell),
        Paragraph("<b>Strength</b>", cell),
        Paragraph("<b>Certainty of evidence</b>", cell),
    ]
    rows = [hdr]
    for num, part, _, st, ce, _, text, _ in RECS:
        label = f"{num}({part})" if part else num
        short = text if len(text) < 150 else text[:147].rsplit(" ", 1)[0] + " ..."
        rows.append([Paragraph(label, cell), Paragraph(short, cell), Paragraph(st.capitalize(), cell), Paragraph(ce.capitalize(), cell)])
    t = Table(rows, colWidths=[18 * mm, 118 * mm, 20 * mm, 22 * mm], repeatRows=1)
    t.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8dce5")),
                ("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.HexColor("#5a1e4a")),
                ("LINEBELOW", (0, 1), (-1, -1), 0.25, colors.grey),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ]
        )
    )
    s.append(t)
    s.append(Spacer(1, 6))
    P("Good practice statements (ungraded) are not listed in Table 1; see sections 2.3, 5.1 and 5.2.", small)
    P("References", h1)
    refs = [
        "Inouye SK, et al. Delirium in elderly people. Lancet. 2014;383:911-22.",
        "NAPBH. Perioperative delirium: consensus statement. J Periop Geriatr Care. 2018;7:45-60.",
        "Guyatt GH, et al. GRADE: an emerging consensus on rating quality of evidence and strength "
        "of recommendations. BMJ. 2008;336:924-6.",
        "Castellanos IR, et al. Processed EEG monitoring and postoperative delirium: a systematic "
        "review. J Periop Geriatr Care. 2024;13:210-25.",
        "Okonkwo AN, et al. Multicomponent delirium prevention after surgery: meta-analysis. Eastvale Nurs Res. 2024;9:1-18.",
    ]
    for k, r in enumerate(refs, 1):
        P(f"{k}. {r}", small)
    doc.build(s)


if __name__ == "__main__":
    build(sys.argv[1] if len(sys.argv) > 1 else "guideline.pdf")
