"""The invented GRADE-format guideline of eval/heldout-grade/, as its separate author wrote it: python make_pdf.py OUT.pdf."""

# ruff: noqa: E402, E731
# Generates an entirely invented GRADE-format guideline (fictional society, fictional data).
import sys

from reportlab.lib import colors
from reportlab.lib.pagesizes import letter
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import BaseDocTemplate, Frame, NextPageTemplate, PageBreak, PageTemplate, Paragraph, Spacer

D = "/usr/share/fonts/truetype/dejavu/"
pdfmetrics.registerFont(TTFont("DV", D + "DejaVuSans.ttf"))
pdfmetrics.registerFont(TTFont("DVB", D + "DejaVuSans-Bold.ttf"))
pdfmetrics.registerFont(TTFont("DVI", D + "DejaVuSans-Oblique.ttf"))
from reportlab.lib.fonts import addMapping

addMapping("DV", 0, 0, "DV")
addMapping("DV", 1, 0, "DVB")
addMapping("DV", 0, 1, "DVI")
addMapping("DV", 1, 1, "DVB")

OUT = sys.argv[1] if len(sys.argv) > 1 else "guideline.pdf"  # where to write the PDF
body = ParagraphStyle("body", fontName="DV", fontSize=8.6, leading=11, spaceAfter=4, alignment=4)
title = ParagraphStyle("title", fontName="DVB", fontSize=17, leading=21, spaceAfter=8)
soc = ParagraphStyle("soc", fontName="DVB", fontSize=10, leading=13, textColor=colors.HexColor("#1f4e79"))
auth = ParagraphStyle("auth", fontName="DV", fontSize=9, leading=12, spaceAfter=4)
h1 = ParagraphStyle("h1", fontName="DVB", fontSize=11.5, leading=14, spaceBefore=8, spaceAfter=4, textColor=colors.HexColor("#1f4e79"))
h2 = ParagraphStyle("h2", fontName="DVB", fontSize=9.2, leading=12, spaceBefore=5, spaceAfter=2)
rec = ParagraphStyle(
    "rec",
    fontName="DVB",
    fontSize=8.8,
    leading=11.4,
    spaceBefore=6,
    spaceAfter=6,
    backColor=colors.HexColor("#e8eef6"),
    borderPadding=4,
    alignment=0,
)
gps = ParagraphStyle("gps", parent=rec, backColor=colors.HexColor("#f3efe2"))

S = []
P = lambda t, s=body: S.append(Paragraph(t, s))

S.append(Paragraph("TRANSATLANTIC RENAL ASSOCIATION — CLINICAL PRACTICE GUIDELINE", soc))
S.append(Spacer(1, 6))
S.append(
    Paragraph(
        "Transatlantic Renal Association 2025 Guideline on the Management of Hyperkalemia in Adults with Chronic Kidney Disease", title
    )
)
P(
    "Helena M. Ostrowski, MD, MSc (Chair); Daniel K. Achterberg, MD; Priya Ramanathan, MD, PhD; Tomás Echeverría, PharmD; "
    "Grace O. Nwosu, MD, MPH; Lukas Brenner, MD; Aileen Fitzgerald (patient representative); Rebecca Lindqvist, PhD (GRADE methodologist)",
    auth,
)
P(
    "Approved by the Transatlantic Renal Association (TRA) Board of Directors on 14 March 2025. Published June 2025. "
    "Guideline version 1.0. Correspondence: guidelines@tra-renal.example",
    auth,
)
S.append(Spacer(1, 6))

S.append(Paragraph("Executive summary", h1))
P(
    "<b>Background:</b> Hyperkalemia is common in people with chronic kidney disease (CKD) and is a frequent reason for "
    "emergency department (ED) visits, hospital admission, and the dose reduction or withdrawal of renin-angiotensin-aldosterone "
    "system (RAAS) inhibitors that slow kidney disease progression. Practice varies widely between centers, particularly in the use of "
    "older and newer potassium binders, dietary restriction, and dialysate prescription."
)
P(
    "<b>Objective:</b> These evidence-based guidelines of the Transatlantic Renal Association (TRA) are intended to support patients, "
    "clinicians, and other health care professionals in decisions about the acute and long-term management of hyperkalemia in adults with CKD."
)
P(
    "<b>Methods:</b> TRA formed a multidisciplinary guideline panel balanced to minimize potential bias from conflicts of interest. "
    "The McMaster University GRADE Centre-style approach was followed: systematic evidence reviews were updated to October 2024, and the "
    "panel used the Grading of Recommendations Assessment, Development and Evaluation (GRADE) approach to assess the certainty of evidence "
    "and formulate recommendations."
)
P(
    "<b>Results:</b> The panel agreed on 17 recommendations (two of which have two separately graded parts, giving 19 graded statements) "
    "and 3 good practice statements, covering acute hyperkalemia, chronic hyperkalemia in people not receiving dialysis, and people "
    "receiving maintenance hemodialysis."
)
P(
    "<b>Conclusions:</b> Strong recommendations include intravenous (IV) calcium for hyperkalemia with electrocardiogram (ECG) changes, "
    "IV insulin with glucose for acute hyperkalemia, continuation of RAAS inhibitors in mild hyperkalemia, and not withholding "
    "sodium-glucose cotransporter-2 (SGLT2) inhibitors because of hyperkalemia. Most other recommendations are conditional owing to "
    "low or very low certainty evidence."
)

S.append(Paragraph("Scope and target population", h1))
P(
    "The guideline addresses adults (18 years or older) with CKD, defined as an estimated glomerular filtration rate (eGFR) below 60 "
    "mL/min/1.73 m² or receiving maintenance in-center hemodialysis, who have or are at risk of hyperkalemia. Hyperkalemia is defined as "
    "a serum potassium above 5.0 mmol/L; acute hyperkalemia refers to serum potassium of 6.0 mmol/L or higher or any hyperkalemia with ECG changes. "
    "The guideline does not address children and adolescents younger than 18 years, pregnant individuals, kidney transplant recipients, "
    "or people receiving peritoneal dialysis. The target audience includes nephrologists, emergency physicians, hospitalists, primary care "
    "clinicians, pharmacists, dietitians, and dialysis nurses."
)

S.append(Paragraph("Methods", h1))
P(
    "<b>Panel composition and conflicts of interest.</b> The panel included nephrologists, an emergency physician, a cardiologist, a clinical "
    "pharmacist, a renal dietitian, a patient representative, and a GRADE methodologist. Conflicts of interest were managed according to TRA "
    "policy; a majority of panel members, including the chair, had no conflicts related to potassium binders."
)
P(
    "<b>Formulating questions and rating outcomes.</b> The panel prioritized 19 questions in population, intervention, comparison, and outcome "
    "(PICO) format. Outcomes rated critical included all-cause mortality, ventricular arrhythmia, recurrent hyperkalemia, hypoglycemia, and "
    "the ability to continue RAAS inhibitor therapy."
)
P(
    "<b>Evidence review and development of recommendations.</b> For each question, the evidence review team searched MEDLINE, Embase, and "
    "the Cochrane Central Register of Controlled Trials for randomized controlled trials (RCTs) and, where RCTs were lacking, comparative "
    "observational studies. Pooled estimates are reported as relative risks (RRs) or mean differences with 95% confidence intervals (CIs). "
    "Evidence-to-decision (EtD) frameworks were completed for each question, considering benefits, harms, values and preferences, resource "
    "use, equity, acceptability, and feasibility."
)
P(
    "<b>Interpretation of strong and conditional recommendations.</b> The strength of a recommendation is expressed as strong "
    '("the panel recommends") or conditional ("the panel suggests"). A strong recommendation means that most individuals in this '
    "situation would want the recommended course of action; a conditional recommendation means that the majority would want it but many "
    "would not, and shared decision-making is needed. Certainty of evidence is rated as high, moderate, low, or very low. Good practice "
    "statements are ungraded and reflect actions whose net benefit the panel considered unequivocal."
)

RECS = [
    ("A. Acute hyperkalemia", None),
    (
        "1",
        "The panel recommends intravenous (IV) calcium over no IV calcium in adults with CKD and hyperkalemia who have hyperkalemia-related ECG changes, such as peaked T waves, a widened QRS complex, or loss of P waves (strong recommendation, low certainty of evidence).",
        [
            "Summary of the evidence",
            "No RCTs compared IV calcium with no calcium. Evidence came from eleven case series and two small before-after studies, in which IV calcium narrowed the QRS complex or restored P waves within 1 to 3 minutes in most patients, with effects lasting 30 to 60 minutes. Most studies used 10 mL of 10% calcium gluconate given over 2 to 5 minutes, repeated when ECG changes persisted; calcium chloride contains about three times as much elemental calcium per milliliter.",
            "Benefits and harms",
            "The panel judged the potential reduction in fatal arrhythmia to be large, even though it is supported mainly by physiological data. Harms are small: venous irritation and, with calcium chloride, tissue injury after extravasation. The historical concern about giving calcium to people taking digoxin is based on case reports that the panel considered unconvincing.",
            "Other considerations",
            "IV calcium is inexpensive and universally available. It does not lower serum potassium and must always be combined with therapy that shifts or removes potassium.",
            "Remarks",
            "The panel placed a high value on preventing cardiac arrest; the strong recommendation despite low certainty reflects a situation in which a large benefit is plausible and harm is minimal.",
        ],
    ),
    (
        "2",
        "The panel recommends IV insulin with glucose over no insulin in adults with CKD and acute hyperkalemia (serum potassium 6.0 mmol/L or higher) (strong recommendation, moderate certainty of evidence).",
        [
            "Summary of the evidence",
            "Nine RCTs (612 participants) and 14 observational studies were identified. Insulin with glucose lowered serum potassium by a mean of 0.8 mmol/L (95% CI, 0.6 to 1.0) at 60 minutes. The most common regimen was 10 units of regular insulin with 25 g of glucose; some trials tested 5 units in people with an eGFR below 30 mL/min/1.73 m².",
            "Benefits and harms",
            "Hypoglycemia occurred in 10% to 20% of treated patients, more often in those with low baseline glucose, lower body weight, or advanced CKD. The panel judged the benefit to outweigh this harm when glucose is monitored.",
            "Implementation",
            "Blood glucose should be checked at least hourly for 6 hours after the insulin dose. Institutions should use a standard order set to reduce dosing errors.",
            "Remarks",
            "This recommendation applies to the temporary shifting of potassium into cells; a plan for potassium removal is needed in every patient.",
        ],
    ),
    (
        "3a",
        "The panel suggests nebulized salbutamol (albuterol) in addition to IV insulin with glucose over insulin with glucose alone in adults with CKD and acute hyperkalemia (conditional recommendation, low certainty of evidence).",
        None,
    ),
    (
        "3b",
        "The panel suggests against nebulized salbutamol as the only potassium-lowering treatment in adults with CKD and acute hyperkalemia (conditional recommendation, very low certainty of evidence).",
        [
            "Summary of the evidence",
            "Four small RCTs (188 participants) found that adding 10 to 20 mg of nebulized salbutamol to insulin with glucose produced a further fall in serum potassium of about 0.4 mmol/L. When salbutamol was given alone, 20% to 40% of patients had a fall of less than 0.5 mmol/L.",
            "Benefits and harms",
            "Combination therapy may also reduce hypoglycemia. Tachycardia and tremor were common, and the panel was uncertain about safety in people with active coronary disease.",
            "Remarks",
            "Recommendation 3b reflects the unpredictable response to the beta-2 agonist when used alone; it does not discourage salbutamol as an add-on.",
        ],
    ),
    (
        "4",
        "The panel suggests against IV sodium bicarbonate for the treatment of acute hyperkalemia in adults with CKD who do not have metabolic acidosis (conditional recommendation, low certainty of evidence).",
        [
            "Summary of the evidence",
            "Three small randomized crossover studies in people receiving hemodialysis found no meaningful reduction in serum potassium within 60 minutes of IV sodium bicarbonate compared with saline.",
            "Benefits and harms",
            "Potential harms include volume overload, hypernatremia, and a fall in ionized calcium. The panel judged that the harms probably outweigh the negligible benefit when acidosis is absent.",
            "Remarks",
            "This recommendation does not apply to patients with concurrent metabolic acidosis, in whom bicarbonate may be given for its own indication. Oral bicarbonate for chronic hyperkalemia is addressed in Recommendation 11.",
        ],
    ),
    (
        "5",
        "The panel suggests sodium zirconium cyclosilicate (SZC) over sodium polystyrene sulfonate (SPS) in adults with CKD and acute hyperkalemia treated in the emergency department or hospital (conditional recommendation, low certainty of evidence).",
        [
            "Summary of the evidence",
            "One open-label RCT (n = 240) and two cohort studies compared the binders in the acute setting. Trials used SZC 10 g three times daily for up to 48 hours. SZC lowered potassium faster (mean difference at 4 hours, -0.3 mmol/L; 95% CI, -0.5 to -0.1), whereas SPS has a slow and variable onset.",
            "Benefits and harms",
            "Serious gastrointestinal events, including colonic necrosis, have been reported with SPS, especially when given with sorbitol. SZC adds a sodium load and may worsen edema.",
            "Other considerations",
            "SZC costs more than SPS; the panel judged the cost acceptable for short courses. Where SZC is unavailable, the panel considered a short course of SPS reasonable.",
            "Remarks",
            "Potassium binders are an adjunct and do not replace IV calcium or insulin with glucose in acute hyperkalemia.",
        ],
    ),
    (
        "6",
        "The panel suggests urgent hemodialysis over medical therapy alone in adults receiving maintenance hemodialysis who present with serum potassium of 6.5 mmol/L or higher (conditional recommendation, very low certainty of evidence).",
        [
            "Summary of the evidence",
            "No trials were found. Two registry analyses suggested lower in-hospital mortality when dialysis was started within 6 hours of presentation, but confounding was likely.",
            "Benefits and harms",
            "Hemodialysis removes potassium definitively, whereas shifting therapies wear off within hours. Harms relate to the logistics of urgent dialysis and post-dialysis rebound.",
            "Implementation",
            "Medical therapy should be started while dialysis is arranged. This recommendation does not apply to people receiving peritoneal dialysis.",
        ],
    ),
    (
        "GPS1",
        "Good practice statement 1. Adults with CKD and serum potassium of 6.0 mmol/L or higher should have a 12-lead ECG and continuous cardiac monitoring during acute treatment, and serum potassium should be rechecked within 2 hours of starting treatment.",
        None,
    ),
    ("B. Chronic hyperkalemia in adults not receiving dialysis", None),
    (
        "7a",
        "The panel recommends continuing renin-angiotensin-aldosterone system (RAAS) inhibitors at the current dose over dose reduction or discontinuation in adults with CKD and albuminuria who develop serum potassium between 5.1 and 5.9 mmol/L (strong recommendation, moderate certainty of evidence).",
        None,
    ),
    (
        "7b",
        "The panel suggests adding a potassium binder over reducing the dose of or stopping the RAAS inhibitor in adults with CKD and albuminuria who have had serum potassium of 6.0 mmol/L or higher while taking a RAAS inhibitor (conditional recommendation, low certainty of evidence).",
        [
            "Summary of the evidence",
            "Post hoc analyses of five large RCTs of angiotensin-converting enzyme (ACE) inhibitors and angiotensin receptor blockers (ARBs) showed that the kidney and cardiovascular benefits were preserved in participants with mild hyperkalemia. Observational data linked RAAS inhibitor discontinuation with higher rates of kidney failure (RR 1.32; 95% CI, 1.18 to 1.47). Two RCTs of binder-enabled RAAS inhibitor continuation showed more participants remained on therapy at 12 weeks.",
            "Benefits and harms",
            "For Recommendation 7a, the panel judged that the long-term kidney and cardiovascular benefit of continuing therapy clearly outweighs the small risk of progression to severe hyperkalemia. For Recommendation 7b, effects on hard outcomes are uncertain and binders add cost and pill burden.",
            "Remarks",
            "Other contributing causes should be corrected first (see Good practice statement 2). These recommendations do not address combining an ACE inhibitor with an ARB.",
        ],
    ),
    (
        "8",
        "The panel suggests patiromer or SZC over SPS for the long-term management of chronic hyperkalemia in adults with CKD (conditional recommendation, low certainty of evidence).",
        [
            "Summary of the evidence",
            "Twelve RCTs compared newer binders with placebo and two small trials compared them with SPS. No trial compared patiromer with SZC directly.",
            "Benefits and harms",
            "Newer binders were better tolerated than SPS over long-term use. Patiromer may cause hypomagnesemia and constipation; SZC may cause edema.",
            "Remarks",
            "The panel did not make a recommendation favoring one newer binder over the other; the choice depends on availability, sodium load, and drug interactions.",
        ],
    ),
    (
        "9",
        "The panel suggests against prescribing a strict low-potassium diet (less than 2 g of potassium per day) to adults with CKD G3-G4 and chronic hyperkalemia (conditional recommendation, very low certainty of evidence).",
        [
            "Summary of the evidence",
            "Observational cohorts found only a weak association between dietary potassium intake and serum potassium in CKD. No RCT tested strict restriction against usual advice.",
            "Benefits and harms",
            "Strict restriction reduces intake of fruit, vegetables, and fiber, which may worsen constipation, metabolic acidosis, and cardiovascular risk. The panel valued diet quality and patient burden highly.",
            "Implementation",
            "Referral to a renal dietitian for individualized advice, including attention to potassium-containing food additives, is preferred.",
        ],
    ),
    (
        "10",
        "The panel suggests a loop or thiazide diuretic in adults with CKD and chronic hyperkalemia who also have hypertension or volume overload (conditional recommendation, low certainty of evidence).",
        [
            "Summary of the evidence",
            "Indirect evidence from hypertension and heart failure trials showed modest reductions in serum potassium with diuretics.",
            "Benefits and harms",
            "Diuretics may cause volume depletion, acute kidney injury, and hyponatremia; the panel therefore restricted this recommendation to patients with another indication for diuretic therapy.",
        ],
    ),
    (
        "11",
        "The panel suggests oral sodium bicarbonate in adults with CKD, chronic hyperkalemia, and metabolic acidosis (serum bicarbonate below 22 mmol/L) (conditional recommendation, low certainty of evidence).",
        [
            "Summary of the evidence",
            "Three RCTs of alkali therapy in CKD reported small reductions in serum potassium and slower eGFR decline.",
            "Benefits and harms",
            "Sodium load and edema are the main concerns, particularly in people with heart failure.",
            "Remarks",
            "See Recommendation 4 for IV bicarbonate in acute hyperkalemia.",
        ],
    ),
    (
        "12",
        "The panel recommends against withholding or discontinuing sodium-glucose cotransporter-2 (SGLT2) inhibitors because of hyperkalemia in adults with CKD (strong recommendation, moderate certainty of evidence).",
        [
            "Summary of the evidence",
            "A meta-analysis of six large RCTs found that SGLT2 inhibitors did not increase, and probably reduced, the risk of serious hyperkalemia (RR 0.84; 95% CI, 0.76 to 0.93).",
            "Benefits and harms",
            "Stopping an SGLT2 inhibitor removes proven kidney and heart benefits without lowering potassium. The panel therefore issued a strong recommendation against this practice.",
            "Remarks",
            "Temporary interruption for other reasons, such as acute illness or surgery, is outside the scope of this recommendation.",
        ],
    ),
    (
        "13",
        "The panel suggests continuing a mineralocorticoid receptor antagonist (MRA) together with a potassium binder over discontinuing the MRA in adults with CKD and heart failure with reduced ejection fraction (HFrEF) who develop hyperkalemia (conditional recommendation, low certainty of evidence).",
        [
            "Summary of the evidence",
            "Two RCTs in people with HFrEF, many with CKD, found that patiromer enabled more participants to continue spironolactone at target dose.",
            "Benefits and harms",
            "MRAs reduce mortality in HFrEF. Whether binder-enabled continuation improves clinical outcomes is not established.",
            "Remarks",
            "Decisions should be shared between nephrology and cardiology teams.",
        ],
    ),
    (
        "14",
        "The panel suggests measuring serum potassium within 1 to 2 weeks of starting or increasing the dose of a RAAS inhibitor or MRA in adults with CKD G3b-G5 not receiving dialysis (conditional recommendation, very low certainty of evidence).",
        [
            "Summary of the evidence",
            "Evidence came from cohort studies showing that most severe hyperkalemia after RAAS inhibitor initiation occurs within the first month.",
            "Implementation",
            "Point-of-care or home-based sampling may improve adherence in rural settings.",
        ],
    ),
    (
        "GPS2",
        "Good practice statement 2. Clinicians should review all medications that can raise serum potassium, including nonsteroidal anti-inflammatory drugs (NSAIDs) and trimethoprim, in adults with CKD and chronic hyperkalemia.",
        None,
    ),
    ("C. Adults receiving maintenance hemodialysis", None),
    (
        "15",
        "The panel suggests a dialysate potassium concentration of 2 mmol/L or higher over a concentration below 2 mmol/L in adults receiving maintenance hemodialysis (conditional recommendation, low certainty of evidence).",
        [
            "Summary of the evidence",
            "Observational studies associated dialysate potassium below 2 mmol/L with higher rates of sudden cardiac death, particularly when the serum-to-dialysate gradient was large.",
            "Benefits and harms",
            "Low dialysate potassium removes more potassium but may provoke arrhythmia during and after the session.",
        ],
    ),
    (
        "16",
        "The panel suggests SZC on non-dialysis days in adults receiving maintenance hemodialysis who have recurrent predialysis serum potassium above 5.5 mmol/L (conditional recommendation, low certainty of evidence).",
        [
            "Summary of the evidence",
            "One placebo-controlled RCT (n = 196) found that more participants receiving SZC maintained predialysis potassium between 4.0 and 5.0 mmol/L.",
            "Benefits and harms",
            "Interdialytic weight gain did not differ meaningfully. Cardiac outcomes were not measured.",
        ],
    ),
    (
        "17",
        "The panel suggests against fludrocortisone for chronic hyperkalemia in adults receiving maintenance hemodialysis (conditional recommendation, very low certainty of evidence).",
        [
            "Summary of the evidence",
            "Two small RCTs found no significant reduction in predialysis potassium with fludrocortisone.",
            "Benefits and harms",
            "Hypertension and fluid retention were more common with fludrocortisone.",
        ],
    ),
    (
        "GPS3",
        "Good practice statement 3. In adults receiving maintenance hemodialysis who have recurrent hyperkalemia, clinicians should review missed or shortened sessions, dialysis adequacy, and vascular access function.",
        None,
    ),
]

S.append(NextPageTemplate("two"))
S.append(PageBreak())
S.append(Paragraph("Recommendations", h1))
for item in RECS:
    num = item[0]
    if item[1] is None:
        S.append(Paragraph(num, h1))
        continue
    text, disc = item[1], item[2]
    if num.startswith("GPS"):
        S.append(Paragraph(text, gps))
    else:
        S.append(Paragraph(f"Recommendation {num}. {text}", rec))
    if disc:
        for i in range(0, len(disc), 2):
            S.append(Paragraph(disc[i], h2))
            P(disc[i + 1])

S.append(Paragraph("Research priorities", h1))
P(
    "The panel identified the need for RCTs of binder-enabled RAAS inhibitor continuation powered for clinical outcomes, head-to-head comparisons of newer potassium binders, and trials in people receiving peritoneal dialysis."
)
S.append(Paragraph("Revision", h1))
P("TRA will review this guideline by 2029 or earlier if important new evidence is published.")


def footer(c, doc):
    c.saveState()
    c.setFont("DV", 7)
    c.drawString(0.75 * inch, 0.5 * inch, "TRA 2025 Hyperkalemia in CKD Guideline")
    c.drawRightString(letter[0] - 0.75 * inch, 0.5 * inch, f"Page {doc.page}")
    c.restoreState()


doc = BaseDocTemplate(
    OUT,
    pagesize=letter,
    leftMargin=0.75 * inch,
    rightMargin=0.75 * inch,
    topMargin=0.75 * inch,
    bottomMargin=0.75 * inch,
    title="TRA 2025 Guideline on Hyperkalemia in Adults with CKD",
    author="Transatlantic Renal Association",
)
W = letter[0] - 1.5 * inch
H = letter[1] - 1.5 * inch
g = 0.25 * inch
cw = (W - g) / 2
one = Frame(0.75 * inch, 0.75 * inch, W, H, id="one")
c1 = Frame(0.75 * inch, 0.75 * inch, cw, H, id="c1")
c2 = Frame(0.75 * inch + cw + g, 0.75 * inch, cw, H, id="c2")
doc.addPageTemplates([PageTemplate("one", [one], onPage=footer), PageTemplate("two", [c1, c2], onPage=footer)])
doc.build(S)
print("wrote", OUT)
