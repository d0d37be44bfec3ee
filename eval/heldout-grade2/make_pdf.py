#!/usr/bin/env python
"""Generate a fictional GRADE clinical practice guideline (cellulitis and skin abscess in adults).

Usage: python make_pdf.py OUT.pdf
Everything in this document (society, authors, journal, trials, numbers) is invented for testing.
"""

# ruff: noqa: E402, E702, E731

import sys

from reportlab.lib import colors
from reportlab.lib.enums import TA_JUSTIFY, TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Frame,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

FD = "/usr/share/fonts/truetype/dejavu/"
pdfmetrics.registerFont(TTFont("DV", FD + "DejaVuSerif.ttf"))
pdfmetrics.registerFont(TTFont("DV-B", FD + "DejaVuSerif-Bold.ttf"))
pdfmetrics.registerFont(TTFont("DV-I", FD + "DejaVuSerif-Italic.ttf"))
pdfmetrics.registerFont(TTFont("DV-BI", FD + "DejaVuSerif-BoldItalic.ttf"))
pdfmetrics.registerFont(TTFont("DS", FD + "DejaVuSans.ttf"))
pdfmetrics.registerFont(TTFont("DS-B", FD + "DejaVuSans-Bold.ttf"))
pdfmetrics.registerFont(TTFont("DS-I", FD + "DejaVuSans-Oblique.ttf"))
pdfmetrics.registerFont(TTFont("DS-BI", FD + "DejaVuSans-BoldOblique.ttf"))
from reportlab.lib.fonts import addMapping

for fam, r, b, i, bi in (("DV", "DV", "DV-B", "DV-I", "DV-BI"), ("DS", "DS", "DS-B", "DS-I", "DS-BI")):
    addMapping(fam, 0, 0, r)
    addMapping(fam, 1, 0, b)
    addMapping(fam, 0, 1, i)
    addMapping(fam, 1, 1, bi)

TITLE = (
    "Society for Cutaneous and Soft Tissue Infection (SCSTI) 2025 Guideline for the Management "
    "of Cellulitis and Cutaneous Abscess in Adults"
)
SHORT = "SCSTI 2025 guideline: cellulitis and cutaneous abscess in adults"
JOURNAL = "Journal of Skin and Soft Tissue Infection"
CITE = "J Skin Soft Tissue Infect. 2025;14(3):201–209. doi:10.5555/jssti.2025.0142"

HIGH = "high certainty of evidence ⊕⊕⊕⊕"
MOD = "moderate certainty of evidence ⊕⊕⊕◯"
LOW = "low certainty of evidence ⊕⊕◯◯"
VLOW = "very low certainty of evidence ⊕◯◯◯"

body = ParagraphStyle("body", fontName="DV", fontSize=8.6, leading=11.2, alignment=TA_JUSTIFY, spaceAfter=4)
small = ParagraphStyle("small", parent=body, fontSize=7.4, leading=9.4)
h1 = ParagraphStyle("h1", fontName="DS-B", fontSize=11, leading=14, spaceBefore=8, spaceAfter=4, textColor=colors.HexColor("#1F4E79"))
h2 = ParagraphStyle("h2", fontName="DS-B", fontSize=9.4, leading=12, spaceBefore=6, spaceAfter=3, textColor=colors.HexColor("#1F4E79"))
h3 = ParagraphStyle("h3", fontName="DS-BI", fontSize=8.6, leading=11, spaceBefore=4, spaceAfter=2)
recst = ParagraphStyle("rec", fontName="DS", fontSize=8.6, leading=11.4, alignment=TA_LEFT)
gpsst = ParagraphStyle("gps", fontName="DS-I", fontSize=8.6, leading=11.4, alignment=TA_LEFT)
remst = ParagraphStyle("rem", parent=body, fontSize=8.0, leading=10.4, leftIndent=6)
tcell = ParagraphStyle("tcell", fontName="DS", fontSize=7.3, leading=9.0)
tcellb = ParagraphStyle("tcellb", fontName="DS-B", fontSize=7.3, leading=9.0, textColor=colors.white)
ttl = ParagraphStyle(
    "ttl", fontName="DS-B", fontSize=17, leading=22, alignment=TA_LEFT, textColor=colors.HexColor("#1F4E79"), spaceAfter=10
)
auth = ParagraphStyle("auth", fontName="DV", fontSize=9.6, leading=13, spaceAfter=6)
aff = ParagraphStyle("aff", fontName="DV-I", fontSize=7.6, leading=9.8, spaceAfter=6)
absst = ParagraphStyle("abs", parent=body, fontSize=8.8, leading=11.8)


def P(t, s=body):
    return Paragraph(t, s)


def rec_box(label, text, grade):
    p = Paragraph(f"<b>{label}.</b> {text} <b>({grade})</b>", recst)
    t = Table([[p]], colWidths=[None])
    t.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor("#E8F0F8")),
                ("LINEBEFORE", (0, 0), (0, -1), 2.2, colors.HexColor("#1F4E79")),
                ("LEFTPADDING", (0, 0), (-1, -1), 5),
                ("RIGHTPADDING", (0, 0), (-1, -1), 4),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
            ]
        )
    )
    return [Spacer(1, 3), t, Spacer(1, 4)]


def gps_box(text):
    p = Paragraph(f"<b>Good practice statement:</b> {text}", gpsst)
    t = Table([[p]])
    t.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor("#F3F3F3")),
                ("BOX", (0, 0), (-1, -1), 0.5, colors.grey),
                ("LEFTPADDING", (0, 0), (-1, -1), 5),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
            ]
        )
    )
    return [Spacer(1, 3), t, Spacer(1, 4)]


# --------------------------------------------------------------------------------------------
# Recommendations: (label, statement, grade, remarks, discussion dict)
# --------------------------------------------------------------------------------------------
RECS = [
    (
        "Diagnosis",
        [
            (
                "Recommendation 1",
                "For adults with cellulitis in whom the presence of an underlying abscess is clinically uncertain, "
                "the SCSTI panel suggests point-of-care ultrasonography in addition to clinical examination",
                "conditional recommendation, " + LOW,
                "Ultrasonography should be performed or supervised by a clinician trained in soft tissue imaging. "
                "The panel did not make a recommendation for patients in whom an abscess is clinically obvious.",
                {
                    "Background": "Distinguishing simple cellulitis from cellulitis with an underlying collection determines "
                    "whether drainage is needed. Fluctuance is an unreliable sign, particularly in obese patients and over "
                    "the buttock and thigh.",
                    "Summary of the evidence": "Seven diagnostic accuracy studies (1,184 patients, all adults presenting to "
                    "emergency departments) compared point-of-care ultrasonography with clinical examination against a "
                    "reference standard of drainage or 14-day follow-up. Pooled sensitivity of ultrasonography was 0.92 "
                    "(95% CI 0.86 to 0.96) and specificity 0.84 (0.77 to 0.89), compared with 0.78 and 0.70 for examination "
                    "alone. One cluster trial (n = 412) reported that ultrasonography changed management in 17% of patients. "
                    "Certainty was rated low because of risk of bias in patient selection and indirectness of the operators.",
                    "Benefits and harms": "Fewer missed abscesses and fewer unnecessary incisions were the main anticipated "
                    "benefits; the panel judged harms to be trivial, although false-positive findings may lead to needless "
                    "procedures.",
                    "Conclusions and research needs": "The benefit depends on operator training. Studies in primary care "
                    "and in patients with darker skin tones, in whom erythema is harder to judge, are needed.",
                },
            ),
            (
                "Recommendation 2",
                "For adults with uncomplicated cellulitis who are managed as outpatients and have no systemic signs of "
                "infection, the SCSTI panel recommends against routinely obtaining blood cultures",
                "strong recommendation, " + MOD,
                "This recommendation does not apply to patients with sepsis, neutropenia, or immersion injuries; the "
                "panel did not address blood cultures in those groups.",
                {
                    "Background": "Blood cultures are frequently drawn in emergency departments for patients with cellulitis, "
                    "but the yield is low and contaminants can prolong treatment.",
                    "Summary of the evidence": "Eleven cohort studies including 6,930 adults with cellulitis reported a "
                    "pooled rate of true bacteraemia of 2.1% (95% CI 1.4% to 3.0%) among patients without fever or "
                    "haemodynamic compromise, and a contaminant rate of 3.4%. Culture results changed antibiotic therapy in "
                    "0.7% of outpatients. The evidence was of moderate certainty.",
                    "Benefits and harms": "Avoiding routine cultures reduces cost, contaminant-driven vancomycin use and "
                    "length of stay in the emergency department, with a very small risk of missing clinically relevant "
                    "bacteraemia.",
                    "Values and preferences": "The panel placed a high value on avoiding unnecessary testing and its "
                    "downstream consequences.",
                    "Conclusions and research needs": "Prediction rules that identify the few outpatients with bacteraemia "
                    "should be validated.",
                },
            ),
            (
                "Recommendation 3",
                "For adults with typical non-purulent cellulitis and no clinical features of deep or necrotising "
                "infection, the SCSTI panel suggests not using computed tomography or magnetic resonance imaging",
                "conditional recommendation, " + LOW,
                "Features that should prompt urgent surgical assessment and imaging include pain out of proportion to "
                "the findings, crepitus, bullae with skin necrosis and rapid progression despite therapy.",
                {
                    "Summary of the evidence": "No randomised trials were identified. Four retrospective cohorts (2,215 "
                    "patients) found that cross-sectional imaging in typical cellulitis identified a drainable collection "
                    "in 3% and osteomyelitis in under 1%, while incidental findings prompted further testing in 9%.",
                    "Benefits and harms": "The panel judged that imaging rarely changes management in typical cellulitis "
                    "and that radiation exposure, cost and delay outweigh the small benefit.",
                    "Conclusions and research needs": "The role of imaging in cellulitis that fails to improve after "
                    "72 hours was not assessed and is a research priority.",
                },
            ),
        ],
    ),
    (
        "Antibiotic treatment of non-purulent cellulitis",
        [
            (
                "Recommendation 4",
                "For adults with non-purulent cellulitis without systemic signs of infection, the SCSTI panel "
                "recommends oral rather than intravenous antibiotic therapy",
                "strong recommendation, " + MOD,
                "This recommendation applies to patients who are able to swallow and absorb oral medication, whether "
                "they are treated at home or in hospital. Outpatient parenteral antibiotic therapy is not preferred "
                "for these patients.",
                {
                    "Background": "Intravenous therapy is often chosen for patients with extensive erythema, although "
                    "streptococci remain highly susceptible to well-absorbed oral beta-lactams.",
                    "Summary of the evidence": "Three randomised trials (n = 781) compared oral with intravenous therapy. "
                    "Clinical cure at 14 days was similar (risk ratio 1.02, 95% CI 0.95 to 1.09). Catheter complications "
                    "occurred in 6.8% of patients given intravenous therapy. Observational data from 14,220 admissions "
                    "showed longer stays with intravenous therapy without better outcomes.",
                    "Benefits and harms": "Oral therapy avoids cannulation, phlebitis and line infections and allows earlier discharge.",
                    "Values and preferences": "Patient partners on the panel emphasised a strong preference for being treated at home.",
                    "Conclusions and research needs": "Trials in patients with morbid obesity are lacking.",
                },
            ),
            (
                "Recommendation 5a",
                "For adults with non-purulent cellulitis, the SCSTI panel recommends empirical treatment with a "
                "beta-lactam antibiotic active against streptococci (for example, cefalexin, flucloxacillin or "
                "penicillin V)",
                "strong recommendation, " + MOD,
                "For patients with a history of severe immediate-type penicillin allergy, clindamycin is a reasonable "
                "alternative; the panel did not compare individual beta-lactams with one another.",
                None,
            ),
            (
                "Recommendation 5b",
                "For adults with non-purulent cellulitis without penetrating trauma, injection drug use or known MRSA "
                "colonisation, the SCSTI panel recommends against routinely adding an agent active against "
                "methicillin-resistant <i>Staphylococcus aureus</i> (MRSA), such as trimethoprim-sulfamethoxazole, to "
                "the beta-lactam",
                "strong recommendation, " + HIGH,
                None,
                {
                    "Background": "Beta-haemolytic streptococci cause most non-purulent cellulitis. In regions with "
                    "community-associated MRSA, clinicians often add trimethoprim-sulfamethoxazole.",
                    "Summary of the evidence": "Two large double-blind randomised trials (n = 1,006) compared cefalexin plus "
                    "trimethoprim-sulfamethoxazole with cefalexin plus placebo. Clinical cure was 83.5% versus 85.5% "
                    "(risk difference −2.0 percentage points, 95% CI −6.7 to 2.7). Gastrointestinal adverse events were "
                    "more frequent with combination therapy (risk ratio 1.38). Serological studies support a streptococcal "
                    "cause in more than 70% of cases. The certainty of evidence was high for 5b and moderate for 5a, "
                    "because trials of single beta-lactams were older and smaller.",
                    "Benefits and harms": "Adding MRSA coverage provided no benefit and increased adverse effects, "
                    "including rash, hyperkalaemia and Clostridioides difficile infection.",
                    "Values and preferences": "Antimicrobial stewardship was an important consideration.",
                    "Conclusions and research needs": "Local surveillance of streptococcal susceptibility should continue.",
                },
            ),
            (
                "Recommendation 6",
                "For adults with uncomplicated cellulitis who are improving, the SCSTI panel suggests a 5-day course of "
                "antibiotic therapy rather than a 10-day course",
                "conditional recommendation, " + MOD,
                "Treatment should be extended if the infection has not improved by day 5. Resolution of erythema "
                "often lags behind clinical improvement and is not itself a reason to extend therapy.",
                {
                    "Summary of the evidence": "Four randomised trials (n = 1,122) compared 5 or 6 days with 10 to 14 "
                    "days. Relapse within 30 days was 6.1% with shorter courses and 5.4% with longer courses (risk ratio "
                    "1.13, 95% CI 0.71 to 1.80), and adverse events were fewer with short courses (risk ratio 0.81). "
                    "Certainty was downgraded for imprecision.",
                    "Benefits and harms": "Shorter courses reduce adverse effects, cost and selection pressure for resistance.",
                    "Values and preferences": "Some patients may prefer a longer course to reduce the perceived risk of "
                    "relapse, hence a conditional recommendation.",
                },
            ),
            (
                "Recommendation 7",
                "For adults with cellulitis, the SCSTI panel suggests not using systemic corticosteroids as adjunctive "
                "therapy to antibiotics",
                "conditional recommendation, " + LOW,
                None,
                {
                    "Summary of the evidence": "Two small trials (n = 199) of oral prednisolone for 8 days reported a "
                    "shorter time to healing (mean difference −1 day) but more recurrences at 1 year in one trial (13% "
                    "versus 6%). Both trials excluded people with diabetes.",
                    "Benefits and harms": "The panel judged the small and uncertain reduction in healing time insufficient "
                    "to justify potential harms, including hyperglycaemia and masking of necrotising infection.",
                    "Conclusions and research needs": "A large trial with recurrence as an outcome is needed.",
                },
            ),
        ],
    ),
    (
        "Predisposing factors and recurrence",
        [
            (
                "Recommendation 8",
                "For adults with lower-limb cellulitis and interdigital tinea pedis or toe-web maceration, the SCSTI "
                "panel suggests treating the toe-web condition",
                "conditional recommendation, " + VLOW,
                "Treatment of the toe-web condition is suggested during and after the acute episode.",
                {
                    "Summary of the evidence": "Case-control studies (n = 1,540) found toe-web intertrigo in 62% of cases "
                    "versus 27% of controls (odds ratio 2.9). No trial has tested whether treatment prevents cellulitis; "
                    "certainty was very low.",
                    "Benefits and harms": "Topical antifungal therapy is inexpensive and well tolerated.",
                },
            ),
            (
                "Recommendation 9",
                "For adults with recurrent lower-limb cellulitis and chronic oedema of the affected leg, the SCSTI panel "
                "suggests compression therapy once the acute episode has resolved",
                "conditional recommendation, " + LOW,
                "Arterial disease should be excluded before compression is started.",
                {
                    "Summary of the evidence": "One randomised trial (n = 84) found recurrence in 15% of patients who "
                    "received compression plus education versus 40% with education alone over a median of 6 months "
                    "(hazard ratio 0.23). The trial was stopped early for benefit.",
                    "Values and preferences": "Compression garments can be uncomfortable and difficult to apply; adherence varies widely.",
                },
            ),
            (
                "Recommendation 10",
                "For adults with two or more episodes of lower-limb cellulitis within the past 12 months, the SCSTI "
                "panel recommends antibiotic prophylaxis with oral penicillin V",
                "strong recommendation, " + MOD,
                "In the trials that informed this recommendation, penicillin V was given as 250 mg twice daily for "
                "12 months. Patients should be told that the protective effect wanes after prophylaxis stops.",
                {
                    "Background": "About one in five patients has a further episode of cellulitis within 3 years, and each "
                    "episode further damages lymphatic drainage.",
                    "Summary of the evidence": "Three randomised trials (n = 531) found that prophylaxis reduced recurrence "
                    "during treatment (risk ratio 0.55, 95% CI 0.41 to 0.74), corresponding to 148 fewer recurrences per "
                    "1,000 patients. Adverse events were not increased. The benefit did not persist beyond the end of "
                    "prophylaxis.",
                    "Benefits and harms": "The panel judged the reduction in recurrence, hospital admission and lymphatic "
                    "damage to outweigh the burden of daily medication.",
                    "Conclusions and research needs": "The optimal duration of prophylaxis and strategies after it is stopped are unknown.",
                },
            ),
        ],
    ),
    (
        "Cutaneous abscess",
        [
            (
                "Recommendation 11",
                "For adults with a cutaneous abscess, the SCSTI panel recommends incision and drainage",
                "strong recommendation, " + HIGH,
                None,
                {
                    "Summary of the evidence": "Drainage is the cornerstone of abscess management. In the control arms of "
                    "six trials (n = 3,120), incision and drainage alone achieved cure in 74% to 81% of patients.",
                    "Benefits and harms": "Procedural pain can be reduced with local anaesthesia and, where needed, procedural sedation.",
                },
            ),
            (
                "Recommendation 12",
                "For adults with a drained cutaneous abscess, the SCSTI panel suggests adjunctive oral antibiotic "
                "therapy active against MRSA (trimethoprim-sulfamethoxazole or clindamycin) rather than no antibiotic",
                "conditional recommendation, " + MOD,
                "Trials enrolled adults with abscesses of 2 cm or larger; the benefit for smaller abscesses is "
                "uncertain. Patients who place a high value on avoiding adverse drug effects may reasonably decline.",
                {
                    "Summary of the evidence": "Six randomised trials (n = 3,120) found higher cure with adjunctive "
                    "antibiotics (risk ratio 1.10, 95% CI 1.05 to 1.15), fewer new lesions at 1 month and fewer repeat "
                    "drainage procedures. Diarrhoea was more common with clindamycin (22% versus 12%).",
                    "Benefits and harms": "Around 70 more cures per 1,000 patients were balanced against more adverse "
                    "events and contribution to resistance.",
                    "Values and preferences": "The panel expected considerable variation in patient choices.",
                },
            ),
            (
                "Recommendation 13",
                "For adults with a cutaneous abscess after incision and drainage, the SCSTI panel suggests not "
                "routinely packing the abscess cavity",
                "conditional recommendation, " + LOW,
                None,
                {
                    "Summary of the evidence": "Four small trials (n = 312) found no difference in treatment failure "
                    "(risk ratio 0.96) but higher pain scores at 48 hours with packing (mean difference 1.8 points on a "
                    "10-point scale).",
                    "Conclusions and research needs": "Data for abscesses larger than 5 cm are sparse.",
                },
            ),
            (
                "Recommendation 14",
                "For adults with a cutaneous abscess who will receive antibiotic therapy, the SCSTI panel suggests "
                "sending abscess material for Gram stain and culture",
                "conditional recommendation, " + VLOW,
                None,
                {
                    "Summary of the evidence": "No comparative studies were found. Surveillance data show that MRSA "
                    "prevalence in abscess isolates ranges from 8% to 55% across regions, supporting culture to guide "
                    "therapy and local surveillance."
                },
            ),
            (
                "Recommendation 15a",
                "For adults with recurrent cutaneous abscesses (three or more episodes within 12 months) despite "
                "optimised wound care and hygiene, the SCSTI panel suggests a decolonisation regimen of intranasal "
                "mupirocin with chlorhexidine body washes",
                "conditional recommendation, " + LOW,
                "The regimen used in the trials was a 5-day course, repeated monthly for up to 6 months.",
                None,
            ),
            (
                "Recommendation 15b",
                "For household contacts of adults with recurrent cutaneous abscesses, the SCSTI panel suggests not "
                "routinely offering decolonisation",
                "conditional recommendation, " + VLOW,
                "Decolonisation of the household may be considered when there is ongoing transmission in the household "
                "despite decolonisation of the index patient.",
                {
                    "Summary of the evidence": "Two trials (n = 573) of patient decolonisation reported a reduction in "
                    "recurrent abscesses at 6 months (risk ratio 0.72, 95% CI 0.55 to 0.94). One trial of household "
                    "decolonisation (n = 183 households) reported no significant additional benefit (risk ratio 0.89, "
                    "95% CI 0.60 to 1.32) and was at high risk of bias.",
                    "Benefits and harms": "Mupirocin resistance emerged in 4% of isolates after repeated courses.",
                    "Values and preferences": "Decolonising a whole household is burdensome and the panel judged "
                    "that most families would decline it without clear evidence of benefit.",
                },
            ),
        ],
    ),
    (
        "Severe infection and mimics",
        [
            (
                "Recommendation 16",
                "For adults with cellulitis or abscess and sepsis, or with injection drug use or penetrating trauma at "
                "the site, the SCSTI panel suggests empirical intravenous therapy that includes an agent active against "
                "MRSA (for example, vancomycin)",
                "conditional recommendation, " + LOW,
                "Surgical consultation is required if necrotising infection is suspected; necrotising infections are "
                "outside the scope of this guideline.",
                {
                    "Summary of the evidence": "Cohort data (n = 2,904) showed MRSA in 41% of cultures from people who "
                    "inject drugs versus 17% in others. No trial compared regimens in septic patients; evidence is "
                    "indirect.",
                    "Benefits and harms": "Inadequate initial coverage in sepsis is associated with higher mortality, which "
                    "the panel judged to outweigh the risk of nephrotoxicity.",
                },
            ),
            (
                "Recommendation 17",
                "For adults with bilateral lower-leg erythema attributed to stasis dermatitis and without features of "
                "infection (fever, rapidly spreading erythema, leucocytosis), the SCSTI panel recommends against "
                "antibiotic treatment",
                "strong recommendation, " + LOW,
                "Bilateral cellulitis is rare; alternative diagnoses such as venous eczema, lipodermatosclerosis and "
                "contact dermatitis should be considered. Dermatology input can reduce misdiagnosis.",
                {
                    "Background": "Up to one third of patients admitted with presumed cellulitis have a non-infectious "
                    "mimic (\u201cpseudocellulitis\u201d).",
                    "Summary of the evidence": "Three observational studies (n = 1,430) found that dermatology review "
                    "changed the diagnosis in 31% of referrals; among patients with bilateral findings, 95% had a "
                    "non-infectious diagnosis.",
                    "Benefits and harms": "Although the certainty is low, the panel made a strong recommendation because "
                    "antibiotics offer no plausible benefit for a non-infectious condition and carry certain harms, "
                    "including adverse drug reactions and C difficile infection.",
                },
            ),
            (
                "Recommendation 18",
                "For adults with cellulitis, the SCSTI panel recommends against topical antibiotics (for example, "
                "mupirocin or fusidic acid) as the sole treatment",
                "strong recommendation, " + MOD,
                None,
                {
                    "Summary of the evidence": "Topical agents do not reach the dermis and subcutaneous tissue in "
                    "therapeutic concentrations. One trial (n = 146) of topical fusidic acid alone was stopped early "
                    "because of a 29% failure rate.",
                    "Conclusions and research needs": "No further research on topical monotherapy is needed.",
                },
            ),
        ],
    ),
]

EXTRA = {
    "Recommendation 1": {
        "Values and preferences": "Patients valued avoiding an unnecessary incision; the "
        "panel noted that access to trained operators is uneven, so the recommendation is conditional.",
        "Resources and equity": "Portable ultrasound devices are increasingly affordable, but training time is a "
        "barrier in small practices and rural emergency departments.",
    },
    "Recommendation 2": {
        "Resources and equity": "In the cohorts reviewed, each positive culture that altered "
        "management among outpatients required roughly 140 sets of cultures to be drawn."
    },
    "Recommendation 3": {
        "Values and preferences": "The panel assumed that most patients would not want imaging "
        "that is unlikely to change their treatment, but some may value reassurance."
    },
    "Recommendation 5b": {
        "Resources and equity": "Beta-lactam monotherapy is inexpensive and widely available. "
        "Avoiding a second agent also simplifies dosing for patients with limited access to pharmacies."
    },
    "Recommendation 6": {
        "Resources and equity": "Shorter courses lower drug costs and the pill burden. The "
        "panel noted that a review at the end of treatment may be harder to arrange in some settings, which "
        "should not itself be a reason to prescribe longer courses.",
        "Conclusions and research needs": "Trials of even shorter courses and of patient-initiated stopping rules would be informative.",
    },
    "Recommendation 7": {
        "Values and preferences": "Patient representatives emphasised concern about the "
        "recurrence signal more than the one-day difference in healing."
    },
    "Recommendation 8": {
        "Conclusions and research needs": "A randomised trial of toe-web treatment for prevention of recurrence is feasible and needed."
    },
    "Recommendation 9": {
        "Resources and equity": "Access to fitted compression garments and lymphoedema "
        "services varies widely between and within countries.",
        "Conclusions and research needs": "Replication in a larger trial with longer follow-up is needed.",
    },
    "Recommendation 10": {
        "Values and preferences": "Patient representatives indicated that most people who "
        "have had repeated episodes would accept daily tablets to avoid further admissions."
    },
    "Recommendation 11": {
        "Values and preferences": "The panel judged that virtually all patients would choose "
        "drainage, given the high cure rates and the lack of an effective alternative.",
        "Conclusions and research needs": "Comparisons of drainage techniques were outside the scope of this review.",
    },
    "Recommendation 12": {
        "Resources and equity": "Both agents are inexpensive; local resistance patterns should inform the choice between them."
    },
    "Recommendation 13": {
        "Values and preferences": "Patients placed a high value on avoiding the pain of repacking and the need for repeated clinic visits."
    },
    "Recommendation 14": {
        "Benefits and harms": "Culture adds little burden when material is already available from drainage.",
        "Conclusions and research needs": "Whether culture results improve patient outcomes has not been studied.",
    },
    "Recommendation 16": {
        "Values and preferences": "The panel prioritised survival in patients with sepsis "
        "over the additional burden and cost of broader therapy.",
        "Conclusions and research needs": "Pragmatic trials comparing empirical regimens in people who inject drugs are needed.",
    },
    "Recommendation 17": {
        "Resources and equity": "Avoidable admissions for pseudocellulitis impose "
        "substantial costs; early dermatology assessment, including by teledermatology, is a practical "
        "strategy."
    },
    "Recommendation 18": {"Benefits and harms": "Topical agents may be used for impetigo, which is not covered by this guideline."},
}

REFS = [
    "Lindqvist MO, Solvang I, Achterberg DR, et al. Point-of-care ultrasonography for skin abscess: a systematic review and meta-analysis. J Skin Soft Tissue Infect. 2024;13(2):88–101.",
    "Harrowgate P, Doyle K, Ferreira L. Yield of blood cultures in adults with cellulitis: a multicentre cohort. Emerg Med Rev. 2021;40(6):512–519.",
    "Okafor CN, Brandt M. Cross-sectional imaging in emergency department cellulitis. Radiol Emerg Pract. 2020;7(1):33–40.",
    "Ibarra-Solís T, Mendez R, Vidal A. Oral versus intravenous therapy for moderate cellulitis: the ORIVA randomised trial. Clin Infect Pract. 2022;18(4):301–310.",
    "Westergaard H, Kline J, Pomeroy D, et al. Cefalexin with or without trimethoprim-sulfamethoxazole for uncomplicated cellulitis. N Engl J Infect. 2019;4(3):210–219.",
    "Takahara K, Mori S, Abe Y. Five versus ten days of antibiotics for cellulitis: a pragmatic trial. Jpn J Gen Med. 2023;12(2):145–153.",
    "Brennan L, Sato Y. Adjunctive prednisolone in erysipelas: a randomised controlled trial. Scand J Infect Ther. 2018;50(9):644–650.",
    "Dufresne A, Kowalczyk M. Toe-web intertrigo and the risk of leg cellulitis: a case–control study. Br J Dermatol Pract. 2017;176(5):1201–1207.",
    "Beaumont R, Ellery T, Wong S. Compression therapy to prevent recurrent cellulitis: a randomised trial. Lymph Res Pract. 2021;19(1):12–21.",
    "Fairbairn J, Kessling L, Moore A. Penicillin prophylaxis for recurrent leg cellulitis: an individual participant data meta-analysis. J Antimicrob Ther. 2020;75(11):3310–3318.",
    "Adeyemi-Hart S, Oduya F, Reinholt K. Incision and drainage with or without antibiotics for skin abscess. Ann Emerg Surg. 2022;31(3):221–230.",
    "Mwangi HF, Castel P, Ruiz J. Adverse events of clindamycin and trimethoprim-sulfamethoxazole after abscess drainage. Pharm Stewardship J. 2021;6(2):77–84.",
    "O'Rourke S, Vance E. Packing versus no packing after abscess drainage: a randomised trial. Acad Emerg Surg. 2019;26(8):902–909.",
    "Venkataraman P, Holt C, Iqbal N. Decolonisation strategies for recurrent staphylococcal skin abscess. Clin Dermatol Infect. 2023;9(4):250–262.",
    "Kessler-Beck B, Lindholm E. Household decolonisation for recurrent MRSA abscess: a cluster trial. Infect Control Fam Med. 2020;11(2):98–106.",
    "Achterberg DR, Jansen M, de Wit H. Skin and soft tissue infection in people who inject drugs: a cohort study. Harm Reduct Infect. 2022;3(1):40–49.",
    "Venkataraman P, Sørensen N. Dermatology review of presumed cellulitis: diagnostic change and cost. Br J Dermatol Pract. 2019;174(3):601–609.",
    "Grieg A, Pascoe H. Topical fusidic acid monotherapy for mild cellulitis: a terminated trial. Skin Ther Lett. 2016;21(4):5–9.",
    "Solvang I, Brennan L. GRADE Evidence-to-Decision frameworks in infectious disease guidelines. J Clin Epidemiol Methods. 2018;95:14–22.",
    "Society for Cutaneous and Soft Tissue Infection. Statement on the management of skin and soft tissue infections. SCSTI; 2017.",
]

GPS = [
    "The margins of erythema should be marked and dated with a skin marker at the first assessment so that "
    "progression or regression can be judged at review.",
    "Patients treated as outpatients should be reassessed, in person or remotely, if fever, spreading redness or worsening pain develops.",
    "Clinicians should assess and document predisposing factors for cellulitis, such as chronic oedema, "
    "toe-web intertrigo, obesity and previous episodes.",
]


def short_dir(text):
    return "Against" if ("against" in text or "suggests not" in text) else "For"


TOTAL = [0]


def build(out):
    doc = BaseDocTemplate(
        out,
        pagesize=A4,
        title=TITLE,
        author="SCSTI Guideline Panel (O. Lindqvist et al.)",
        subject=f"{JOURNAL} — clinical practice guideline",
        creator="SCSTI",
        leftMargin=16 * mm,
        rightMargin=16 * mm,
        topMargin=20 * mm,
        bottomMargin=18 * mm,
    )
    W, H = A4
    lm, rm, tm, bm = doc.leftMargin, doc.rightMargin, doc.topMargin, doc.bottomMargin
    fw = W - lm - rm
    gap = 6 * mm
    cw = (fw - gap) / 2

    def deco(c, d):
        c.saveState()
        c.setFont("DS", 7)
        c.setFillColor(colors.HexColor("#444444"))
        if d.page > 1:
            c.drawString(lm, H - 12 * mm, SHORT)
            c.drawRightString(W - rm, H - 12 * mm, JOURNAL)
            c.setStrokeColor(colors.HexColor("#1F4E79"))
            c.setLineWidth(0.5)
            c.line(lm, H - 13.5 * mm, W - rm, H - 13.5 * mm)
        c.line(lm, 12 * mm, W - rm, 12 * mm)
        c.drawString(lm, 8 * mm, CITE)
        c.drawRightString(W - rm, 8 * mm, f"Page {d.page} of {TOTAL[0]}")
        c.restoreState()

    doc.addPageTemplates(
        [
            PageTemplate(id="one", frames=[Frame(lm, bm, fw, H - tm - bm, id="f1")], onPage=deco),
            PageTemplate(
                id="two", frames=[Frame(lm, bm, cw, H - tm - bm, id="c1"), Frame(lm + cw + gap, bm, cw, H - tm - bm, id="c2")], onPage=deco
            ),
        ]
    )
    s = []
    # ---------------- title page ----------------
    s.append(
        P(
            "CLINICAL PRACTICE GUIDELINE",
            ParagraphStyle("k", fontName="DS-B", fontSize=8, textColor=colors.HexColor("#8A1C1C"), spaceAfter=6),
        )
    )
    s.append(P(TITLE, ttl))
    s.append(
        P(
            "Marta O. Lindqvist, MD, PhD (Chair)<super>1</super>; Daniel R. Achterberg, MD<super>2</super>; "
            "Priya Venkataraman, MBBS, MPH<super>3</super>; Tomás Ibarra-Solís, MD<super>4</super>; "
            "Helen F. Mwangi, PharmD<super>5</super>; Kenji Takahara, MD<super>6</super>; Rosalind Beaumont, "
            "RN, MSc<super>7</super>; Samuel Adeyemi-Hart, MD<super>8</super>; Laura Kessling "
            "(patient representative)<super>9</super>; Ingrid Solvang, PhD (Methodologist)<super>10</super>",
            auth,
        )
    )
    s.append(
        P(
            "<super>1</super>Department of Infectious Diseases, Vestfold University Hospital, Tønsberg; "
            "<super>2</super>Division of Emergency Medicine, Maasland Medical Centre, Leiden; "
            "<super>3</super>Department of Dermatology, Carrow General Hospital, Norwich; "
            "<super>4</super>Servicio de Enfermedades Infecciosas, Hospital del Valle Alto, Valencia; "
            "<super>5</super>Antimicrobial Stewardship Programme, Kingsbridge Health, Toronto; "
            "<super>6</super>Department of General Medicine, Hokuriku Central Hospital, Kanazawa; "
            "<super>7</super>Lymphoedema Service, St Brannoc Community Trust, Exeter; "
            "<super>8</super>Department of Surgery, Lagos Coastal Teaching Hospital, Lagos; "
            "<super>9</super>Cellulitis Patient Network, Bristol; <super>10</super>GRADE Methods Unit, "
            "Nordhavn Institute of Evidence Synthesis, Aarhus.",
            aff,
        )
    )
    s.append(
        P(
            "Received 9 January 2025; accepted 2 April 2025; published online 14 May 2025. "
            f"{CITE}. Approved by the SCSTI Board of Directors on 21 March 2025.",
            aff,
        )
    )
    s.append(Spacer(1, 6))
    s.append(P("Abstract", h1))
    for head, txt in [
        (
            "Background",
            "Cellulitis and cutaneous abscess are among the most common reasons for antibiotic "
            "prescribing in adults, and practice varies widely in diagnostic testing, route and duration of therapy, "
            "and prevention of recurrence.",
        ),
        (
            "Objective",
            "These evidence-based guidelines of the Society for Cutaneous and Soft Tissue Infection "
            "(SCSTI) are intended to support patients, clinicians and other health care professionals in decisions "
            "about the diagnosis, treatment and prevention of cellulitis and cutaneous abscess in adults.",
        ),
        (
            "Methods",
            "A multidisciplinary panel of 10 members, including a patient representative, was balanced to "
            "minimise potential bias from conflicts of interest. The Nordhavn Institute of Evidence Synthesis "
            "supported the guideline development process, including performing or updating systematic evidence "
            "reviews up to 30 September 2024. The panel prioritised clinical questions and outcomes according to "
            "their importance for clinicians and patients. The Grading of Recommendations Assessment, Development "
            "and Evaluation (GRADE) approach was used, including GRADE Evidence-to-Decision frameworks, to assess "
            "evidence and make recommendations.",
        ),
        (
            "Results",
            "The panel agreed on 18 recommendations (recommendations 5 and 15 each comprise two separately "
            "graded parts, giving 20 graded statements) and 3 good practice statements.",
        ),
        (
            "Conclusions",
            "Key recommendations include oral beta-lactam therapy for most patients with non-purulent "
            "cellulitis without routine MRSA coverage, 5-day treatment courses, incision and drainage for abscesses, "
            "and penicillin prophylaxis for recurrent leg cellulitis. The panel recommends against routine blood "
            "cultures in uncomplicated cellulitis and against antibiotics for bilateral stasis dermatitis.",
        ),
    ]:
        s.append(P(f"<b>{head}:</b> {txt}", absst))
    s.append(Spacer(1, 6))
    s.append(
        P(
            "<b>Keywords:</b> cellulitis; erysipelas; skin abscess; skin and soft tissue infection; MRSA; GRADE; antibiotic stewardship",
            absst,
        )
    )
    s.append(
        P(
            "<i>Disclaimer: this guideline is not intended to replace clinical judgement. Scope: adults aged "
            "18 years or older. It does not apply to children, diabetic foot infections, necrotising soft tissue "
            "infections, surgical site infections, animal or human bite wounds, burns, or patients with "
            "neutropenia or solid-organ transplants.</i>",
            small,
        )
    )
    s.append(PageBreak())
    # ---------------- summary of recommendations (full width) ----------------
    s.append(P("Summary of recommendations", h1))
    s.append(
        P(
            "Table 1 lists all recommendations with the strength of recommendation and certainty in the "
            "evidence. The full text of each recommendation, with remarks, appears in the Recommendations "
            "section.",
            body,
        )
    )
    rows = [[P("No.", tcellb), P("Recommendation", tcellb), P("Strength", tcellb), P("Certainty of evidence", tcellb)]]
    for _, items in RECS:
        for lab, txt, grade, _rem, _d in items:
            strength = "Strong" if grade.startswith("strong") else "Conditional"
            cert = grade.split(", ")[1].replace(" certainty of evidence", "")
            rows.append(
                [
                    P(lab.replace("Recommendation ", ""), tcell),
                    P(txt + ".", tcell),
                    P(strength, tcell),
                    P(cert[0].upper() + cert[1:], tcell),
                ]
            )
    t = Table(rows, colWidths=[11 * mm, fw - 11 * mm - 22 * mm - 32 * mm, 22 * mm, 32 * mm], repeatRows=1)
    t.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#1F4E79")),
                ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.HexColor("#EEF3F8")]),
                ("GRID", (0, 0), (-1, -1), 0.3, colors.HexColor("#9AB")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ]
        )
    )
    s.append(t)
    s.append(Spacer(1, 6))
    s.append(P("Good practice statements (ungraded)", h2))
    for g in GPS:
        s.append(P("• " + g, body))
    s.append(NextPageTemplate("two"))
    s.append(PageBreak())
    # ---------------- body, two columns ----------------
    s.append(P("Introduction", h1))
    s.append(
        P(
            "Cellulitis is an acute bacterial infection of the dermis and subcutaneous tissue; erysipelas is a "
            "more superficial form with a raised, sharply demarcated border. In this guideline the two terms are "
            "used together, because their management is the same. A cutaneous abscess is a collection of pus "
            "within the dermis or subcutaneous tissue. Non-purulent cellulitis is cellulitis without purulent "
            "drainage, exudate or an associated abscess. Purulent infections are predominantly caused by "
            "<i>Staphylococcus aureus</i>, whereas non-purulent cellulitis is usually caused by beta-haemolytic "
            "streptococci.",
            body,
        )
    )
    s.append(
        P(
            "The annual incidence of cellulitis in adults is estimated at 20 to 25 per 1,000 person-years, and "
            "the condition accounts for about 3% of emergency department attendances in high-income settings. "
            "Recurrence is common, affecting 22% to 49% of patients, mostly those with lymphoedema or chronic "
            "venous insufficiency. Misdiagnosis is frequent: bilateral leg redness from venous stasis and other "
            "mimics is commonly treated with antibiotics.",
            body,
        )
    )
    s.append(P("Aims and target audience", h2))
    s.append(
        P(
            "The purpose of this guideline is to provide evidence-based recommendations for adults (aged 18 "
            "years and older) with cellulitis, erysipelas or cutaneous abscess in primary care, emergency "
            "departments and hospital wards. The target audience includes general practitioners, emergency "
            "physicians, hospitalists, infectious disease specialists, dermatologists, surgeons, nurses and "
            "pharmacists. Policy makers and patients may also use the guideline.",
            body,
        )
    )
    s.append(P("Scope", h2))
    s.append(
        P(
            "The guideline does not address children or adolescents younger than 18 years, diabetic foot "
            "infections, necrotising soft tissue infections, surgical site infections, bite wounds, burns, "
            "periorbital or orbital cellulitis, or infections in patients with neutropenia or solid-organ "
            "transplants. Those conditions are covered by other SCSTI guidance.",
            body,
        )
    )
    s.append(P("Methods", h1))
    s.append(P("Panel composition", h2))
    s.append(
        P(
            "The panel comprised infectious disease physicians, an emergency physician, a dermatologist, a "
            "general internist, a surgeon, a lymphoedema nurse specialist, a clinical pharmacist, a patient "
            "representative and a GRADE methodologist. The chair and the majority of members had no relevant "
            "conflicts of interest. Disclosures were reviewed at each meeting; members with a conflict "
            "relevant to a question did not vote on that recommendation.",
            body,
        )
    )
    s.append(P("Question formulation and evidence review", h2))
    s.append(
        P(
            "The panel generated 31 candidate questions and prioritised 18 in PICO (population, intervention, "
            "comparison, outcome) format. Outcomes rated critical included clinical cure, treatment failure, "
            "recurrence, hospital admission, mortality and serious adverse events. The Nordhavn Institute "
            "searched MEDLINE, Embase and the Cochrane Library from inception to 30 September 2024, without "
            "language restrictions. Pairs of reviewers screened records, extracted data and assessed risk of "
            "bias with the Cochrane tool for randomised trials and ROBINS-I for non-randomised studies.",
            body,
        )
    )
    s.append(P("Certainty of the evidence", h2))
    s.append(P("The certainty of the evidence was rated for each outcome and overall, using GRADE, as follows:", body))
    for lab, txt in [
        ("High (⊕⊕⊕⊕)", "We are very confident that the true effect lies close to the estimate."),
        (
            "Moderate (⊕⊕⊕◯)",
            "We are moderately confident; the true effect is likely to be close to the estimate, but may be substantially different.",
        ),
        ("Low (⊕⊕◯◯)", "Our confidence is limited; the true effect may be substantially different from the estimate."),
        ("Very low (⊕◯◯◯)", "We have very little confidence; the true effect is likely to be substantially different from the estimate."),
    ]:
        s.append(P(f"<b>{lab}:</b> {txt}", remst))
    s.append(P("Strength of recommendations", h2))
    s.append(
        P(
            "Recommendations are labelled as strong or conditional according to the GRADE approach. The words "
            "\u201cthe panel recommends\u201d are used for strong recommendations and \u201cthe panel "
            "suggests\u201d for conditional recommendations. Recommendations against an intervention are "
            "worded \u201crecommends against\u201d (strong) or \u201csuggests not\u201d (conditional).",
            body,
        )
    )
    s.append(
        P(
            "<b>Strong recommendation.</b> For patients, most individuals in this situation would want the "
            "recommended course of action and only a small proportion would not. For clinicians, most "
            "individuals should follow the recommended course of action; formal decision aids are not likely "
            "to be needed. For policy makers, the recommendation can be adopted as policy in most situations.",
            remst,
        )
    )
    s.append(
        P(
            "<b>Conditional recommendation.</b> For patients, the majority would want the suggested course of "
            "action, but many would not. For clinicians, different choices will be appropriate for individual "
            "patients, and clinicians must help each patient arrive at a decision consistent with his or her "
            "values and preferences. For policy makers, policy making will require substantial debate and "
            "involvement of various stakeholders.",
            remst,
        )
    )
    s.append(P("Good practice statements", h2))
    s.append(
        P(
            "Good practice statements are ungraded. They were issued when the panel judged the benefit of the "
            "action to be unequivocal and the collection of evidence to be a poor use of resources.",
            body,
        )
    )
    s.append(P("Document review", h2))
    s.append(
        P(
            "The draft guideline was posted for public comment from 6 to 27 January 2025 and revised in "
            "response to 47 comments. The SCSTI Guideline Oversight Committee and Board of Directors approved "
            "the final version. The guideline will be reviewed annually and updated when new evidence "
            "warrants.",
            body,
        )
    )
    s.append(P("How to use this guideline", h2))
    s.append(
        P(
            "Each recommendation is followed by its strength and certainty of evidence in parentheses, remarks "
            "on implementation or subgroups where relevant, and a discussion of the evidence. Where two "
            "closely related recommendations share one evidence review, the discussion follows the second "
            "part.",
            body,
        )
    )
    s.append(P("Good practice statements", h1))
    for g in GPS:
        s.extend(gps_box(g))
    s.append(P("Recommendations", h1))
    for sect, items in RECS:
        s.append(CondPageBreak(40 * mm))
        s.append(P(sect, h2))
        for lab, txt, grade, rem, disc in items:
            s.extend(rec_box(lab, txt, grade))
            if rem:
                s.append(P(f"<b>Remarks:</b> {rem}", remst))
            disc = dict(disc or {})
            for k, v in EXTRA.get(lab, {}).items():
                disc[k] = (disc[k] + " " + v) if k in disc else v
            if disc:
                order = [
                    "Background",
                    "Summary of the evidence",
                    "Benefits and harms",
                    "Values and preferences",
                    "Resources and equity",
                    "Conclusions and research needs",
                ]
                for k, v in sorted(disc.items(), key=lambda kv: order.index(kv[0])):
                    s.append(P(k, h3))
                    s.append(P(v, body))
    s.append(P("Discussion", h1))
    s.append(
        P(
            "This guideline updates the 2017 SCSTI statement on skin and soft tissue infections. The main "
            "changes are the recommendation of shorter treatment courses, the recommendation against routine "
            "MRSA coverage for non-purulent cellulitis, and new recommendations on recurrence prevention. Many "
            "recommendations are conditional and based on low or very low certainty evidence, which "
            "underlines the need for pragmatic trials in primary care and in under-represented populations.",
            body,
        )
    )
    s.append(P("Implementation", h2))
    s.append(
        P(
            "The panel anticipates that the recommendations on oral therapy and shorter courses will reduce "
            "antibiotic exposure and health care costs. Stewardship teams may audit the proportion of patients "
            "with non-purulent cellulitis who receive MRSA-active agents, the median duration of therapy, and "
            "the use of blood cultures in outpatients. A patient information leaflet and a clinician pocket "
            "card are available from the SCSTI website.",
            body,
        )
    )
    s.append(P("Limitations", h2))
    s.append(
        P(
            "Evidence for several questions came from observational studies or from trials conducted in a "
            "small number of countries. Outcomes important to patients, such as time to return to work and "
            "quality of life, were inconsistently reported.",
            body,
        )
    )
    s.append(P("Acknowledgements and funding", h2))
    s.append(
        P(
            "The guideline was funded entirely by the Society for Cutaneous and Soft Tissue Infection, with no "
            "industry support. The panel thanks the SCSTI Guideline Oversight Committee and external peer "
            "reviewers.",
            body,
        )
    )
    s.append(
        P(
            "Correspondence: Marta O. Lindqvist, Department of Infectious Diseases, Vestfold University "
            "Hospital, Tønsberg. © 2025 Society for Cutaneous and Soft Tissue Infection.",
            small,
        )
    )
    s.append(P("References", h1))
    for i, r in enumerate(REFS, 1):
        s.append(P(f"{i}. {r}", small))
    doc.build(s)


if __name__ == "__main__":
    out = sys.argv[1] if len(sys.argv) > 1 else "guideline.pdf"
    build(out)  # first pass to count pages
    from pypdf import PdfReader

    TOTAL[0] = len(PdfReader(out).pages)
    build(out)
