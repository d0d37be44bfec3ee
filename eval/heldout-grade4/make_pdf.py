#!/usr/bin/env python
"""Write an invented GRADE-format guideline on acute bronchiolitis.

Usage: python make_pdf.py OUT.pdf
All society, journal, author and data details are fictional.
"""

import sys

from reportlab.lib import colors
from reportlab.lib.enums import TA_JUSTIFY, TA_LEFT
from reportlab.lib.fonts import addMapping
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
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

FD = "/usr/share/fonts/truetype/dejavu/"
pdfmetrics.registerFont(TTFont("Serif", FD + "DejaVuSerif.ttf"))
pdfmetrics.registerFont(TTFont("Serif-B", FD + "DejaVuSerif-Bold.ttf"))
pdfmetrics.registerFont(TTFont("Serif-I", FD + "DejaVuSerif-Italic.ttf"))
pdfmetrics.registerFont(TTFont("Serif-BI", FD + "DejaVuSerif-BoldItalic.ttf"))
pdfmetrics.registerFont(TTFont("Sans", FD + "DejaVuSans.ttf"))
pdfmetrics.registerFont(TTFont("Sans-B", FD + "DejaVuSans-Bold.ttf"))
pdfmetrics.registerFont(TTFont("Sans-I", FD + "DejaVuSans-Oblique.ttf"))
pdfmetrics.registerFont(TTFont("Sans-BI", FD + "DejaVuSans-BoldOblique.ttf"))
addMapping("Serif", 0, 0, "Serif")
addMapping("Serif", 1, 0, "Serif-B")
addMapping("Serif", 0, 1, "Serif-I")
addMapping("Serif", 1, 1, "Serif-BI")
addMapping("Sans", 0, 0, "Sans")
addMapping("Sans", 1, 0, "Sans-B")
addMapping("Sans", 0, 1, "Sans-I")
addMapping("Sans", 1, 1, "Sans-BI")

TITLE = (
    "Acute Bronchiolitis in Infants Under 24 Months: 2025 Clinical Practice "
    "Guideline of the Society for Acute Paediatric Respiratory Medicine"
)
JOURNAL = "Journal of Applied Paediatric Practice"
CITE = "J Appl Paediatr Pract 2025;14(3):201–207"
TEAL = colors.HexColor("#1f5f6b")

body = ParagraphStyle("body", fontName="Serif", fontSize=8.6, leading=11.2, alignment=TA_JUSTIFY, spaceAfter=4)
bodyw = ParagraphStyle("bodyw", parent=body, fontSize=9, leading=12)
h1 = ParagraphStyle("h1", fontName="Sans-B", fontSize=10.5, leading=13, textColor=TEAL, spaceBefore=8, spaceAfter=4)
h2 = ParagraphStyle("h2", fontName="Sans-B", fontSize=9, leading=11.5, spaceBefore=6, spaceAfter=3)
stmt = ParagraphStyle(
    "stmt",
    parent=body,
    fontName="Serif-B",
    fontSize=8.8,
    leading=11.6,
    leftIndent=10,
    firstLineIndent=-10,
    spaceBefore=4,
    spaceAfter=5,
    alignment=TA_LEFT,
)
gpp = ParagraphStyle("gpp", parent=body, fontName="Serif-I", leftIndent=10, spaceBefore=3, spaceAfter=5, alignment=TA_LEFT)
small = ParagraphStyle("small", fontName="Sans", fontSize=7.4, leading=9.4)
smallb = ParagraphStyle("smallb", parent=small, fontName="Sans-B")
ref = ParagraphStyle("ref", parent=body, fontSize=7.8, leading=9.8, leftIndent=14, firstLineIndent=-14, alignment=TA_LEFT)
titlest = ParagraphStyle("title", fontName="Sans-B", fontSize=16, leading=20, textColor=TEAL, spaceAfter=8)
kicker = ParagraphStyle("kicker", fontName="Sans-B", fontSize=8, leading=10, textColor=colors.grey, spaceAfter=6)
authst = ParagraphStyle("auth", fontName="Serif", fontSize=9.2, leading=12.5, spaceAfter=4)
affst = ParagraphStyle("aff", fontName="Serif-I", fontSize=7.6, leading=9.6, spaceAfter=2)
absst = ParagraphStyle("abs", parent=bodyw, fontSize=8.8, leading=11.6)

# ---------------------------------------------------------------- content
# Each statement: (number, grade code, text, discussion paragraphs)
SECTIONS = [
    (
        "3. Diagnosis and initial assessment",
        [
            (
                "1",
                "1C",
                "We recommend that clinicians diagnose bronchiolitis clinically, on the basis "
                "of history and physical examination, in infants under 24 months presenting "
                "with a coryzal prodrome followed by cough, tachypnoea or increased work of "
                "breathing, and crackles or wheeze.",
                [
                    "<i>Evidence.</i> Nine diagnostic accuracy studies (n = 4,318) compared "
                    "clinician diagnosis with a composite reference standard that included "
                    "virological testing and follow-up. Clinical diagnosis had a pooled "
                    "sensitivity of 0.91 and specificity of 0.84; certainty was rated down for "
                    "risk of bias and indirectness of the reference standards.",
                    "<i>Benefits and harms.</i> A clinical diagnosis avoids investigations that "
                    "add discomfort and cost without changing management. The main risk is "
                    "missing an alternative diagnosis such as heart failure or pneumonia; the "
                    "panel judged this risk small when the typical prodrome is present.",
                    "<i>Values and preferences.</i> Parents in our survey (n = 212) valued a clear explanation more than any test result.",
                ],
            ),
            (
                "2",
                "1B",
                "We recommend against routine chest radiography in infants with a typical clinical presentation of bronchiolitis.",
                [
                    "<i>Evidence.</i> One randomised trial (n = 438) and five cohort studies "
                    "found that radiographs rarely altered management (2.1% of films) and were "
                    "associated with a threefold increase in antibiotic prescribing, largely "
                    "prompted by atelectasis misread as consolidation.",
                    "<i>Benefits and harms.</i> Omitting routine films reduces radiation "
                    "exposure, cost and inappropriate antibiotic use. Radiography remains "
                    "appropriate when the course is atypical or when intensive care is being "
                    "considered.",
                ],
            ),
            (
                "3",
                "2C",
                "We suggest not routinely measuring blood counts, C-reactive protein or blood gases in infants with typical bronchiolitis.",
                [
                    "<i>Evidence.</i> Observational studies (n = 2,906) showed that white cell "
                    "count and C-reactive protein did not discriminate bacterial co-infection "
                    "and did not predict deterioration. Capillary blood gases may inform "
                    "escalation in severe disease, which is why the statement is conditional.",
                    "<i>Values and preferences.</i> Venepuncture is distressing for infants and "
                    "caregivers; most panel members judged that few families would choose it "
                    "without a clear expected benefit.",
                ],
            ),
            (
                "4a",
                "2D",
                "For infants admitted to hospital, we suggest rapid respiratory viral testing "
                "where the result will be used to cohort patients.",
                [
                    "<i>Evidence.</i> Evidence is limited to before-and-after studies of "
                    "infection control bundles, in which testing could not be separated from "
                    "other measures; certainty is very low."
                ],
            ),
            (
                "4b",
                "2C",
                "For infants managed in primary care or discharged from the emergency "
                "department, we suggest against respiratory viral testing.",
                [
                    "<i>Evidence and rationale.</i> In the community, a positive result does "
                    "not change treatment, which is supportive regardless of the virus. Two "
                    "cohort studies found no change in antibiotic use or return visits when "
                    "testing was performed. Testing may still be reasonable in surveillance "
                    "programmes, which lie outside this guideline."
                ],
            ),
            (
                "5",
                "1C",
                "We recommend that peripheral oxygen saturation be measured by pulse oximetry "
                "in every infant presenting to a hospital or emergency department with "
                "suspected bronchiolitis.",
                [
                    "<i>Evidence.</i> Hypoxaemia is the main indicator of the need for "
                    "admission, and clinical signs alone identified only 63% of hypoxaemic "
                    "infants in a cohort of 1,120 presentations. Certainty was rated low "
                    "because no study randomised the use of oximetry at presentation.",
                    "<i>Benefits and harms.</i> A single measurement is cheap and painless. "
                    "Probes sized for infants should be used, and readings should be taken "
                    "when the infant is settled.",
                ],
            ),
        ],
    ),
    (
        "4. Oxygen and respiratory support",
        [
            (
                "6a",
                "2B",
                "In infants aged 6 weeks or older without risk factors for severe disease, "
                "we suggest starting supplemental oxygen when SpO\u2082 is persistently below 90%.",
                [
                    "<i>Evidence.</i> A non-inferiority trial (n = 615) comparing thresholds "
                    "of 90% and 94% found no difference in time to resolution of cough or in "
                    "neurodevelopmental outcomes at 24 months, while the 90% threshold "
                    "shortened hospital stay by a mean of 22 hours. Certainty was moderate "
                    "owing to imprecision."
                ],
            ),
            (
                "6b",
                "2D",
                "In infants younger than 6 weeks or with risk factors for severe disease "
                "(birth before 35 weeks\u2019 gestation or Down syndrome), we suggest starting "
                "supplemental oxygen when SpO\u2082 is persistently below 92%.",
                [
                    "<i>Evidence and rationale.</i> Young and preterm infants were excluded "
                    "from the threshold trials, so the panel relied on physiological data and "
                    "expert opinion. A more conservative threshold was judged prudent given "
                    "their higher risk of apnoea and rapid deterioration."
                ],
            ),
            (
                "7",
                "2C",
                "We suggest not routinely using continuous pulse oximetry in infants who are "
                "clinically stable and no longer receiving supplemental oxygen.",
                [
                    "<i>Evidence.</i> A cluster trial in four wards (n = 161) found that "
                    "intermittent checks shortened stay without increasing readmission. "
                    "Continuous monitoring detects brief, clinically unimportant desaturations "
                    "that prolong admission and cause parental anxiety.",
                    "<i>Values and preferences.</i> Units with low nurse-to-patient ratios may "
                    "reasonably prefer continuous monitoring overnight.",
                ],
            ),
            (
                "8",
                "2B",
                "We suggest against high-flow nasal cannula therapy as the initial mode of "
                "oxygen delivery in hypoxaemic infants without severe respiratory distress.",
                [
                    "<i>Evidence.</i> Two multicentre trials (combined n = 1,674) compared "
                    "initial high-flow therapy with standard low-flow oxygen. Treatment "
                    "failure was less frequent with high flow, but there was no difference in "
                    "intensive care admission, intubation or length of stay, and most infants "
                    "failing standard oxygen were successfully rescued with high flow.",
                    "<i>Benefits and harms.</i> Routine first-line use consumes equipment and "
                    "nursing time and may lead to unnecessary transfers.",
                ],
            ),
            (
                "9",
                "1B",
                "We recommend escalation to high-flow nasal cannula therapy for infants whose "
                "hypoxaemia or work of breathing does not respond to standard low-flow oxygen.",
                [
                    "<i>Evidence.</i> In the same trials, 61% of infants who failed standard "
                    "oxygen responded to rescue high flow. Observational data from 14 "
                    "hospitals show a fall in intubation rates after high flow was introduced "
                    "on general wards.",
                    "<i>Implementation.</i> Units should have written escalation criteria and "
                    "a clear route to high-dependency review; flow settings should follow "
                    "local protocols, which this guideline does not specify.",
                ],
            ),
            (
                "10",
                "2C",
                "We suggest continuous positive airway pressure for infants with impending "
                "respiratory failure, including recurrent apnoea or rising carbon dioxide, "
                "despite high-flow therapy.",
                [
                    "<i>Evidence.</i> One small trial (n = 142) found fewer treatment failures "
                    "with continuous positive airway pressure than with high flow in infants "
                    "with moderate to severe disease; imprecision and lack of blinding lowered "
                    "certainty. Continuous positive airway pressure should be delivered only "
                    "where staff are trained in its use."
                ],
            ),
        ],
    ),
    (
        "5. Medicines",
        [
            (
                "11",
                "1A",
                "We recommend against the use of inhaled salbutamol or other beta-2 agonist bronchodilators in infants with bronchiolitis.",
                [
                    "<i>Evidence.</i> A meta-analysis of 31 randomised trials (n = 1,992) "
                    "showed no effect on admission, length of stay or time to resolution, and "
                    "an increase in tachycardia and tremor. A trial of bronchodilator is no "
                    "longer advised, because apparent short-term responses reflect the "
                    "fluctuating course of the illness.",
                    "<i>Values and preferences.</i> The panel judged that almost all families "
                    "would decline a treatment with no benefit and measurable adverse effects.",
                ],
            ),
            (
                "12",
                "1A",
                "We recommend against systemic or inhaled corticosteroids for infants with bronchiolitis.",
                [
                    "<i>Evidence.</i> Twenty-one trials (n = 3,814) found no reduction in "
                    "admission or length of stay with oral, intramuscular or inhaled "
                    "corticosteroids. A combined corticosteroid and adrenaline regimen showed "
                    "a possible benefit in one trial, which was not replicated."
                ],
            ),
            (
                "13a",
                "1B",
                "We recommend not using nebulised adrenaline (epinephrine) in infants with "
                "bronchiolitis treated in the emergency department or on a general ward.",
                [
                    "<i>Evidence.</i> Eighteen trials (n = 2,256) showed transient "
                    "improvement in clinical scores but no effect on admission or length of "
                    "stay. Nebulisation interrupts feeding and sleep."
                ],
            ),
            (
                "13b",
                "2D",
                "In infants with severe bronchiolitis in a high-dependency setting, we "
                "suggest that a trial of nebulised adrenaline may be considered as rescue "
                "therapy, to be stopped if there is no response within one hour.",
                [
                    "<i>Rationale.</i> No trial has studied this population. Some panel "
                    "members reported occasional responses in infants with marked upper "
                    "airway oedema. The suggestion reflects expert opinion only and should not "
                    "be extended to infants managed on general wards."
                ],
            ),
            (
                "14a",
                "2B",
                "We suggest not routinely using nebulised hypertonic saline in infants with bronchiolitis in the emergency department.",
                [
                    "<i>Evidence.</i> Eight emergency department trials (n = 1,307) found no "
                    "reduction in admission rates. Bronchospasm occurred in 4% of infants "
                    "when the saline was given without a bronchodilator."
                ],
            ),
            (
                "14b",
                "2C",
                "For infants admitted to hospital with an expected stay longer than 72 hours, "
                "we suggest that nebulised 3% hypertonic saline may be used.",
                [
                    "<i>Evidence.</i> Inpatient trials reported a mean reduction in stay of "
                    "0.4 days, with substantial heterogeneity; the benefit was confined to "
                    "settings with long average stays. Certainty was low because of "
                    "inconsistency and publication bias."
                ],
            ),
            (
                "15",
                "1B",
                "We recommend against antibiotics for infants with bronchiolitis unless "
                "there is specific evidence of secondary bacterial infection.",
                [
                    "<i>Evidence.</i> Seven trials (n = 1,096) of macrolides and beta-lactams "
                    "found no effect on duration of symptoms, oxygen requirement or "
                    "readmission. Secondary bacterial pneumonia is uncommon (under 1%) except "
                    "in infants who need intensive care.",
                    "<i>Benefits and harms.</i> Avoiding antibiotics reduces diarrhoea, rash "
                    "and antimicrobial resistance. Urinary tract infection should be "
                    "considered in febrile infants under 60 days.",
                ],
            ),
            (
                "16",
                "1C",
                "We recommend not prescribing montelukast during or after an episode of bronchiolitis.",
                [
                    "<i>Evidence.</i> Three trials (n = 1,402), the largest given for 24 "
                    "weeks after the acute episode, showed no reduction in symptom days or "
                    "later wheeze. Neuropsychiatric adverse effects reported with "
                    "montelukast in older children weighed against use."
                ],
            ),
        ],
    ),
    (
        "6. Supportive care",
        [
            (
                "17",
                "2B",
                "For infants who cannot maintain adequate oral intake, we suggest nasogastric "
                "rather than intravenous fluid administration as the first-line route.",
                [
                    "<i>Evidence.</i> Two randomised trials (n = 1,049) found no difference in "
                    "length of stay, intensive care admission or adverse events between the "
                    "routes. Nasogastric placement succeeded at the first attempt more often "
                    "than intravenous cannulation (85% versus 59%).",
                    "<i>Values and preferences.</i> Some parents prefer intravenous fluids when "
                    "the infant is breastfeeding; shared decision-making is encouraged.",
                ],
            ),
            (
                "18",
                "1A",
                "We recommend against chest physiotherapy (vibration, percussion or passive "
                "expiratory techniques) for infants with bronchiolitis.",
                [
                    "<i>Evidence.</i> Twelve trials (n = 1,249) showed no improvement in "
                    "severity scores, oxygen requirement or length of stay with any technique, "
                    "and transient desaturation and vomiting were more frequent."
                ],
            ),
            (
                "19",
                "2C",
                "We suggest against routine deep nasopharyngeal suctioning in infants with bronchiolitis.",
                [
                    "<i>Evidence.</i> Cohort data (n = 740) associated deep suctioning with "
                    "longer stay, probably through mucosal oedema. Superficial suction of the "
                    "nostrils before feeds was not studied in trials and is left to clinical "
                    "judgement."
                ],
            ),
        ],
    ),
    (
        "7. Discharge and prevention",
        [
            (
                "20",
                "2C",
                "We suggest that infants be considered fit for discharge when they are "
                "clinically stable, are taking at least 75% of their usual feed volume, and "
                "have maintained SpO\u2082 at or above the treatment threshold in room air for "
                "at least 4 hours including a period of sleep.",
                [
                    "<i>Evidence.</i> Readmission within 7 days was 3.8% in a cohort of 2,331 "
                    "infants discharged under similar criteria. Caregivers\u2019 confidence, "
                    "distance from hospital and time of day should also be considered."
                ],
            ),
            (
                "21",
                "1A",
                "We recommend a single dose of the long-acting monoclonal antibody "
                "nirsevimab for all infants born during or entering their first RSV season.",
                [
                    "<i>Evidence.</i> Three randomised trials and a pragmatic trial (combined "
                    "n = 12,471) showed a reduction of 77\u201383% in medically attended RSV "
                    "lower respiratory tract infection and of 76\u201383% in RSV hospitalisation, "
                    "with adverse events similar to placebo. Dosing follows the product "
                    "licence, which is not reproduced here.",
                    "<i>Resource use.</i> National programmes should weigh acquisition cost "
                    "against bed-day savings; the panel judged the balance favourable in all "
                    "modelled scenarios.",
                ],
            ),
            (
                "22",
                "1C",
                "We recommend that health professionals advise caregivers to keep infants away from tobacco smoke and vaping aerosol.",
                [
                    "<i>Evidence.</i> Observational studies consistently associate household "
                    "smoking with more severe bronchiolitis and with admission (odds ratio "
                    "1.9). Advice is inexpensive and without harm; the statement is strong "
                    "despite low certainty because of the wider benefits of a smoke-free home."
                ],
            ),
        ],
    ),
]

GPPS = {
    "3. Diagnosis and initial assessment": (
        "1",
        "Caregivers should receive verbal and written information on the "
        "expected course of bronchiolitis, including that cough may persist "
        "for up to four weeks, and on warning signs that should prompt urgent "
        "review.",
    ),
    "6. Supportive care": ("2", "Feeding, hydration and work of breathing should be reassessed at every clinical review."),
    "7. Discharge and prevention": (
        "3",
        "In hospital, infants with bronchiolitis should be cared for with contact and droplet precautions and rigorous hand hygiene.",
    ),
}

AGAINST = {"2", "3", "4b", "7", "8", "11", "12", "13a", "14a", "15", "16", "18", "19"}
STRENGTH = {"1": "Strong", "2": "Conditional"}
CERT = {"A": "High", "B": "Moderate", "C": "Low", "D": "Very low"}
TOPIC = {
    "1": "Clinical diagnosis",
    "2": "Chest radiography",
    "3": "Blood tests",
    "4a": "Viral testing \u2013 admitted",
    "4b": "Viral testing \u2013 community/ED discharge",
    "5": "Pulse oximetry at presentation",
    "6a": "O\u2082 threshold 90% (\u22656 wk, no risk factors)",
    "6b": "O\u2082 threshold 92% (<6 wk or risk factors)",
    "7": "Continuous oximetry when stable",
    "8": "High flow as initial therapy",
    "9": "High flow as escalation",
    "10": "CPAP for impending failure",
    "11": "Salbutamol / beta-2 agonists",
    "12": "Corticosteroids",
    "13a": "Nebulised adrenaline \u2013 ED/ward",
    "13b": "Nebulised adrenaline \u2013 HDU rescue",
    "14a": "Hypertonic saline \u2013 ED",
    "14b": "Hypertonic saline \u2013 inpatients >72 h",
    "15": "Antibiotics",
    "16": "Montelukast",
    "17": "Nasogastric vs intravenous fluids",
    "18": "Chest physiotherapy",
    "19": "Deep nasopharyngeal suction",
    "20": "Discharge criteria",
    "21": "Nirsevimab",
    "22": "Tobacco smoke and vaping",
}


def header_footer(canvas, doc):
    canvas.saveState()
    w, h = A4
    canvas.setFont("Sans", 7)
    canvas.setFillColor(colors.grey)
    if doc.page > 1:
        canvas.drawString(18 * mm, h - 11 * mm, "SAPRM Guideline \u00b7 Acute bronchiolitis in infants")
        canvas.drawRightString(w - 18 * mm, h - 11 * mm, CITE)
        canvas.setStrokeColor(TEAL)
        canvas.setLineWidth(0.5)
        canvas.line(18 * mm, h - 12.5 * mm, w - 18 * mm, h - 12.5 * mm)
    else:
        canvas.drawString(18 * mm, h - 11 * mm, JOURNAL.upper())
        canvas.drawRightString(w - 18 * mm, h - 11 * mm, CITE)
    canvas.setFillColor(colors.black)
    canvas.setFont("Sans", 7.5)
    canvas.drawCentredString(w / 2, 10 * mm, str(200 + doc.page))
    canvas.drawRightString(w - 18 * mm, 10 * mm, "Page %d" % doc.page)
    canvas.restoreState()


def build(out):
    w, h = A4
    lm, rm, tm, bm = 18 * mm, 18 * mm, 17 * mm, 16 * mm
    fw = w - lm - rm
    fh = h - tm - bm
    gap = 6 * mm
    cw = (fw - gap) / 2
    one = Frame(lm, bm, fw, fh, id="one", leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    c1 = Frame(lm, bm, cw, fh, id="c1", leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    c2 = Frame(lm + cw + gap, bm, cw, fh, id="c2", leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    doc = BaseDocTemplate(
        out,
        pagesize=A4,
        title=TITLE,
        author="SAPRM Bronchiolitis Guideline Panel",
        subject="Clinical practice guideline (GRADE)",
        creator="Journal of Applied Paediatric Practice",
    )
    doc.addPageTemplates(
        [
            PageTemplate(id="single", frames=[one], onPage=header_footer),
            PageTemplate(id="twocol", frames=[c1, c2], onPage=header_footer),
        ]
    )
    S = []
    S.append(Paragraph("CLINICAL PRACTICE GUIDELINE \u00b7 OPEN ACCESS", kicker))
    S.append(Paragraph(TITLE, titlest))
    S.append(
        Paragraph(
            "Maren Holtby<super>1</super>, Oluwaseun Adekanmi-Reid<super>2</super>, "
            "Tomasz Wielgus<super>3</super>, Priya Raghunathan<super>1</super>, "
            "Eilidh Carmody<super>4</super>, Jonas Feldkamp<super>5</super> and "
            "Ana-Lucía Mendívil<super>2</super>, on behalf of the SAPRM "
            "Bronchiolitis Guideline Panel",
            authst,
        )
    )
    for a in [
        "1 Department of Paediatrics, Harbourside Children\u2019s Hospital, Port Elsmere",
        "2 Paediatric Emergency Medicine Unit, Queen Adela University Hospital, Carrowmore",
        "3 Institute of Child Health Evidence, Vistula Valley Medical University",
        "4 Community Child Health Service, Glenarrow",
        "5 Methods Centre for Guideline Development, Nordhafen",
    ]:
        S.append(Paragraph(a, affst))
    S.append(
        Paragraph(
            "Received 14 January 2025 \u00b7 Accepted 2 April 2025 \u00b7 "
            "Published online 23 April 2025 \u00b7 Correspondence: "
            "guidelines@saprm.example",
            affst,
        )
    )
    S.append(Spacer(1, 6))
    abs_rows = [
        (
            "Background",
            "Acute bronchiolitis is the commonest reason for hospital "
            "admission in the first year of life. Practice varies widely, and many "
            "infants still receive investigations and medicines that do not help.",
        ),
        (
            "Objective",
            "To provide evidence-based recommendations for the "
            "assessment, treatment, discharge and prevention of acute bronchiolitis "
            "in previously well infants under 24 months in primary care, emergency "
            "departments, general paediatric wards and high-dependency units.",
        ),
        (
            "Methods",
            "A multidisciplinary panel of the Society for Acute Paediatric "
            "Respiratory Medicine (SAPRM) formulated 18 key questions. Systematic "
            "reviews were updated to 30 September 2024. Certainty of evidence and "
            "strength of recommendations were rated with the GRADE approach and are "
            "reported with a two-character grade code.",
        ),
        (
            "Results",
            "The panel issued 26 graded statements under 22 numbers "
            "(12 strong, 14 conditional; 13 in favour of and 13 against an "
            "intervention) and 3 ungraded good practice points. The panel "
            "recommends against salbutamol, corticosteroids, chest physiotherapy, "
            "routine chest radiography and antibiotics without evidence of "
            "bacterial infection, and recommends nirsevimab for all infants in "
            "their first RSV season.",
        ),
        (
            "Conclusions",
            "Management of bronchiolitis is supportive. Oxygen, "
            "feeding support and escalation of respiratory support are the "
            "interventions with proven benefit.",
        ),
    ]
    for k, v in abs_rows:
        S.append(Paragraph("<b>%s.</b> %s" % (k, v), absst))
    S.append(Paragraph("<b>Keywords:</b> bronchiolitis; respiratory syncytial virus; infant; high-flow oxygen; GRADE; guideline", absst))
    S.append(Spacer(1, 6))
    kp = Table(
        [
            [
                Paragraph(
                    "<b>How to read the statements in this guideline</b><br/>"
                    "Each graded statement is printed in bold in the running text, "
                    "preceded by its number and a grade code in square brackets, "
                    "for example <b>7 [2C]</b>. The digit gives the strength "
                    "(1 = strong, 2 = conditional) and the letter the certainty of "
                    "evidence (A = high, B = moderate, C = low, D = very low). "
                    "Ungraded good practice points are printed in italics and "
                    "labelled GPP. Table 3 lists all statements.",
                    small,
                )
            ]
        ],
        colWidths=[fw],
    )
    kp.setStyle(
        TableStyle(
            [
                ("BOX", (0, 0), (-1, -1), 0.6, TEAL),
                ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor("#eef5f6")),
                ("LEFTPADDING", (0, 0), (-1, -1), 6),
                ("RIGHTPADDING", (0, 0), (-1, -1), 6),
                ("TOPPADDING", (0, 0), (-1, -1), 5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
            ]
        )
    )
    S.append(kp)
    S.append(Spacer(1, 8))
    S.append(Paragraph("1. Introduction", h1))
    S.append(
        Paragraph(
            "Bronchiolitis is a viral lower respiratory tract infection, most often "
            "caused by respiratory syncytial virus (RSV), characterised by "
            "inflammation and obstruction of the small airways. Around one in three "
            "infants develops clinical bronchiolitis in the first two years of life, "
            "and 2\u20133% are admitted to hospital. The previous SAPRM guidance "
            "(2016) predated trials of high-flow oxygen, new oxygen saturation "
            "thresholds and long-acting RSV monoclonal antibodies. This update "
            "replaces it in full.",
            bodyw,
        )
    )
    S.append(
        Paragraph(
            "The course of illness is predictable: symptoms worsen over the first "
            "three to five days and then settle, although cough may persist for "
            "several weeks. Most infants can be cared for at home. Those at greatest "
            "risk of severe disease are young infants, those born preterm and those "
            "with chronic conditions, several of which are outside the scope of "
            "this guideline (Section 2.1). Because the illness is self-limiting, the "
            "panel gave particular weight to the burden of investigations and "
            "treatments on infants and their families, and to avoidable use of "
            "hospital resources during winter peaks, when paediatric beds are "
            "scarce. Throughout this document, the term infant is used for all "
            "children under 24 months.",
            bodyw,
        )
    )
    S.append(NextPageTemplate("twocol"))
    S.append(PageBreak())

    S.append(Paragraph("2. Methods", h1))
    S.append(Paragraph("2.1 Scope and population", h2))
    S.append(
        Paragraph(
            "The guideline applies to infants and children under 24 months with a "
            "first or subsequent clinical episode of bronchiolitis who are assessed "
            "in primary care, emergency departments, general paediatric wards or "
            "high-dependency units. It does not apply to children aged 24 months or "
            "older, to infants receiving care in a paediatric intensive care unit "
            "(including invasive ventilation), or to infants with cystic fibrosis, "
            "haemodynamically significant congenital heart disease, chronic lung "
            "disease of prematurity requiring home oxygen, known immunodeficiency or "
            "neuromuscular disease.",
            body,
        )
    )
    S.append(
        Paragraph(
            "The following topics were outside the panel\u2019s remit and are not "
            "addressed: maternal RSV vaccination, palivizumab, antiviral drugs "
            "(including ribavirin), heliox, nebulised magnesium, caffeine for "
            "apnoea, home oxygen programmes and the long-term management of "
            "recurrent wheeze after bronchiolitis (other than statement 16).",
            body,
        )
    )
    S.append(Paragraph("2.2 Panel and conflicts of interest", h2))
    S.append(
        Paragraph(
            "The panel comprised 15 members: general and emergency paediatricians, "
            "a paediatric intensivist, two children\u2019s nurses, a physiotherapist, "
            "a general practitioner, a pharmacist, a methodologist and two parent "
            "representatives. Two members with advisory roles for a manufacturer of "
            "RSV immunisation products abstained from voting on statement 21.",
            body,
        )
    )
    S.append(Paragraph("2.3 Evidence review", h2))
    S.append(
        Paragraph(
            "For each of 18 key questions in PICO format, the Methods Centre updated "
            "or conducted systematic reviews (MEDLINE, Embase, CENTRAL; last search "
            "30 September 2024). Randomised trials were preferred; observational "
            "studies were included for diagnosis, prognosis and harms. Prioritised "
            "outcomes were admission, length of stay, escalation to intensive care, "
            "treatment failure, adverse effects and caregiver experience.",
            body,
        )
    )
    S.append(Paragraph("2.4 Grading and the grade code", h2))
    S.append(
        Paragraph(
            "Certainty of evidence was assessed per outcome with GRADE and the "
            "overall certainty taken from the lowest certainty among critical "
            "outcomes. Evidence-to-decision frameworks covered benefits, harms, "
            "values, resources, equity, acceptability and feasibility. Each "
            "statement carries a grade code of one digit and one letter (Table 1).",
            body,
        )
    )
    gt = Table(
        [
            [Paragraph("<b>Code</b>", small), Paragraph("<b>Meaning</b>", small)],
            [
                Paragraph("1", smallb),
                Paragraph(
                    "Strong recommendation: \u201cwe recommend\u201d / \u201cwe recommend against\u201d / \u201cwe recommend not\u201d",
                    small,
                ),
            ],
            [
                Paragraph("2", smallb),
                Paragraph(
                    "Conditional recommendation: \u201cwe suggest\u201d / "
                    "\u201cwe suggest against\u201d / \u201cwe suggest not routinely\u201d",
                    small,
                ),
            ],
            [Paragraph("A", smallb), Paragraph("High certainty of evidence", small)],
            [Paragraph("B", smallb), Paragraph("Moderate certainty of evidence", small)],
            [Paragraph("C", smallb), Paragraph("Low certainty of evidence", small)],
            [Paragraph("D", smallb), Paragraph("Very low certainty of evidence", small)],
            [Paragraph("GPP", smallb), Paragraph("Good practice point: ungraded, based on panel consensus", small)],
        ],
        colWidths=[12 * mm, cw - 12 * mm],
    )
    gt.setStyle(
        TableStyle(
            [
                ("LINEABOVE", (0, 0), (-1, 0), 0.8, TEAL),
                ("LINEBELOW", (0, 0), (-1, 0), 0.4, TEAL),
                ("LINEBELOW", (0, -1), (-1, -1), 0.8, TEAL),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ]
        )
    )
    S.append(Paragraph("<b>Table 1.</b> Grade codes used in this guideline", small))
    S.append(Spacer(1, 2))
    S.append(gt)
    S.append(Spacer(1, 6))
    S.append(
        Paragraph(
            "A strong recommendation means that most informed caregivers would "
            "choose the recommended course and that it can be adopted as policy. A "
            "conditional recommendation means that choices will vary and that "
            "decisions should be shared. Statements were agreed by anonymous vote "
            "with an 80% threshold; all statements reached agreement at the first or "
            "second round. Good practice points were issued where the panel judged "
            "that the benefit of an action was obvious and evidence review would "
            "not be a good use of resources.",
            body,
        )
    )
    S.append(Paragraph("2.5 Assessing severity", h2))
    S.append(
        Paragraph(
            "The panel did not endorse a single severity score, because none has "
            "been validated for decisions on admission. Features of severe disease "
            "used in this guideline are marked recession, grunting, nasal flaring, "
            "respiratory rate above 70 per minute, apnoea, persistent hypoxaemia, "
            "feeding less than half of the usual volume and reduced consciousness. "
            "High-dependency settings are defined as areas with a nurse-to-patient "
            "ratio of at least 1:2 and continuous monitoring, with or without "
            "on-site intensive care.",
            body,
        )
    )
    S.append(Paragraph("2.6 External review", h2))
    S.append(
        Paragraph(
            "The draft was reviewed by six external experts and by the SAPRM "
            "Parent and Carer Forum, and was open for public consultation for four "
            "weeks. Comments led to the split of statements 4, 6, 13 and 14 into "
            "separately graded parts for different settings or populations.",
            body,
        )
    )

    for title, stmts in SECTIONS:
        S.append(CondPageBreak(40 * mm))
        S.append(Paragraph(title, h1))
        for num, code, text, disc in stmts:
            S.append(
                KeepTogether(
                    [Paragraph("%s&nbsp;&nbsp;<font name='Sans-B' color='#1f5f6b'>[%s]</font>&nbsp;&nbsp;%s" % (num, code, text), stmt)]
                )
            )
            for d in disc:
                S.append(Paragraph(d, body))
        if title in GPPS:
            n, t = GPPS[title]
            S.append(Paragraph("<b>GPP %s</b> (ungraded good practice point). %s" % (n, t), gpp))

    S.append(Paragraph("8. Comparison with other guidance", h1))
    S.append(
        Paragraph(
            "Compared with the 2016 SAPRM guidance, the main changes are the lower "
            "saturation threshold for older infants (statement 6a), the distinction "
            "between initial and rescue use of high-flow therapy (statements 8 and "
            "9), the conditional role of hypertonic saline for longer inpatient "
            "stays (statement 14b) and the new statement on nirsevimab (statement "
            "21). The 2016 advice to consider a single trial of bronchodilator has "
            "been withdrawn (statement 11). Table 2 summarises these changes.",
            body,
        )
    )
    ct = Table(
        [
            [Paragraph("<b>Topic</b>", small), Paragraph("<b>2016</b>", small), Paragraph("<b>2025</b>", small)],
            [
                Paragraph("O\u2082 threshold", small),
                Paragraph("92% for all", small),
                Paragraph("90% or 92% by age and risk (6a, 6b)", small),
            ],
            [Paragraph("Bronchodilator trial", small), Paragraph("Consider once", small), Paragraph("Against (11)", small)],
            [Paragraph("High flow", small), Paragraph("Not addressed", small), Paragraph("Rescue, not first line (8, 9)", small)],
            [
                Paragraph("Hypertonic saline", small),
                Paragraph("Against", small),
                Paragraph("ED against; long stay may use (14a, 14b)", small),
            ],
            [
                Paragraph("RSV prevention", small),
                Paragraph("Palivizumab, high risk only", small),
                Paragraph("Nirsevimab for all infants (21)", small),
            ],
        ],
        colWidths=[cw * 0.3, cw * 0.3, cw * 0.4],
    )
    ct.setStyle(
        TableStyle(
            [
                ("LINEABOVE", (0, 0), (-1, 0), 0.8, TEAL),
                ("LINEBELOW", (0, 0), (-1, 0), 0.4, TEAL),
                ("LINEBELOW", (0, -1), (-1, -1), 0.8, TEAL),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    S.append(Paragraph("<b>Table 2.</b> Main changes since the 2016 guidance", small))
    S.append(Spacer(1, 2))
    S.append(ct)
    S.append(Spacer(1, 6))
    S.append(
        Paragraph(
            "Our statements are broadly consistent with recent international "
            "guidance on bronchiolitis. Differences concern the threshold for "
            "oxygen in young infants, for which the panel chose a more cautious "
            "value in the absence of trial evidence, and hypertonic saline, where "
            "the panel distinguished settings rather than issuing a single "
            "statement.",
            body,
        )
    )
    S.append(Paragraph("9. Implementation and research priorities", h1))
    S.append(
        Paragraph(
            "Audit indicators proposed by the panel are the proportion of admitted "
            "infants receiving salbutamol, corticosteroids or chest radiography, the "
            "proportion receiving antibiotics without documented bacterial "
            "infection, and nirsevimab uptake among eligible infants. Research "
            "priorities include the optimal saturation threshold in infants under 6 "
            "weeks, the role of hypertonic saline in short-stay settings and the "
            "effect of monitoring strategies on caregiver experience.",
            body,
        )
    )
    S.append(
        Paragraph(
            "<b>Funding.</b> SAPRM funded the guideline from its own resources. No "
            "industry funding was received. <b>Disclaimer.</b> Recommendations do not "
            "replace clinical judgement for individual patients.",
            body,
        )
    )

    S.append(NextPageTemplate("single"))
    S.append(PageBreak())
    S.append(Paragraph("<b>Table 3.</b> Summary of graded statements", h2))
    rows = [
        [
            Paragraph("<b>No.</b>", small),
            Paragraph("<b>Topic and statement</b>", small),
            Paragraph("<b>Direction</b>", small),
            Paragraph("<b>Grade</b>", small),
            Paragraph("<b>Strength</b>", small),
            Paragraph("<b>Certainty</b>", small),
        ]
    ]
    for _, stmts in SECTIONS:
        for num, code, text, _d in stmts:
            rows.append(
                [
                    Paragraph(num, smallb),
                    Paragraph("<b>%s.</b> %s" % (TOPIC[num], text), small),
                    Paragraph("Against" if num in AGAINST else "For", small),
                    Paragraph(code, smallb),
                    Paragraph(STRENGTH[code[0]], small),
                    Paragraph(CERT[code[1]], small),
                ]
            )
    st = Table(rows, colWidths=[12 * mm, 78 * mm, 20 * mm, 14 * mm, 24 * mm, 24 * mm], repeatRows=1)
    st.setStyle(
        TableStyle(
            [
                ("LINEABOVE", (0, 0), (-1, 0), 0.8, TEAL),
                ("LINEBELOW", (0, 0), (-1, 0), 0.4, TEAL),
                ("LINEBELOW", (0, -1), (-1, -1), 0.8, TEAL),
                ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.HexColor("#f1f6f7")]),
                ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
            ]
        )
    )
    S.append(st)
    S.append(Spacer(1, 4))
    S.append(
        Paragraph(
            "Good practice points (ungraded): GPP 1 caregiver "
            "information; GPP 2 reassessment of feeding and breathing; "
            "GPP 3 infection control in hospital.",
            small,
        )
    )
    S.append(Spacer(1, 8))
    S.append(Paragraph("References", h1))
    refs = [
        "Holtby M, Carmody E. Variation in bronchiolitis care across 41 hospitals. Arch Acute Paediatr 2022;9:144\u2013152.",
        "Adekanmi-Reid O, et al. Clinician diagnosis of bronchiolitis against a composite reference standard: a systematic review. Paediatr Evid Rev 2023;18:55\u201367.",
        "Strand K, Veltman P. Chest radiographs in typical bronchiolitis: a randomised trial. Emerg Child Med 2019;11:301\u2013308.",
        "Ouimet R, et al. Laboratory tests and outcomes in infants with bronchiolitis: a multicentre cohort. J Infant Resp Dis 2021;6:88\u201397.",
        "Lindqvist A, et al. Saturation thresholds of 90% versus 94% in bronchiolitis (THRESH-B): a non-inferiority trial. Lancet Child Resp 2020;4:612\u2013621.",
        "Corrigan D, et al. Intermittent versus continuous oximetry after weaning oxygen: a cluster trial. Hosp Paediatr Nurs 2022;15:210\u2013218.",
        "Baptiste-Nwosu C, et al. High-flow therapy on general wards for infants with bronchiolitis (HIFLOW-W). N Engl J Paediatr 2021;3:1121\u20131131.",
        "Ferreira L, Anand R. High flow versus standard oxygen as initial therapy: the FLOW-START trial. Paediatr Crit Care Open 2023;7:e0412.",
        "Wielgus T, et al. Bronchodilators for bronchiolitis: updated meta-analysis. Paediatr Evid Rev 2024;19:12\u201331.",
        "Moreau S, et al. Glucocorticoids in infant bronchiolitis: systematic review of 21 trials. Child Pharmacol Rev 2022;8:77\u201390.",
        "Raghunathan P, et al. Nebulised hypertonic saline in emergency and inpatient settings: a meta-analysis. J Infant Resp Dis 2023;8:199\u2013214.",
        "Kowalczyk J, et al. Nasogastric versus intravenous hydration in bronchiolitis. Arch Acute Paediatr 2020;7:402\u2013410.",
        "Halvorsen T, et al. Chest physiotherapy in acute bronchiolitis: a systematic review. Physio Child Health 2021;5:33\u201345.",
        "Mendívil AL, et al. Nirsevimab in healthy infants: pooled trial and pragmatic evidence. Vaccines Immun Infancy 2024;2:1\u201314.",
        "Feldkamp J. Evidence-to-decision frameworks in paediatric guidelines. Guideline Methods Q 2021;4:9\u201318.",
    ]
    for i, r in enumerate(refs, 1):
        S.append(Paragraph("%d.&nbsp;&nbsp;%s" % (i, r), ref))
    S.append(Spacer(1, 6))
    S.append(
        Paragraph(
            "\u00a9 2025 Society for Acute Paediatric Respiratory Medicine. "
            "Citation: Holtby M, Adekanmi-Reid O, Wielgus T, et al. " + TITLE + ". " + CITE + ".",
            small,
        )
    )
    doc.build(S)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python make_pdf.py OUT.pdf")
    build(sys.argv[1])
