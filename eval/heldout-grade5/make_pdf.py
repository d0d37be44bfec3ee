"""Draw a fictional GRADE guideline (OSA in adults) in a margin-column house style.
Usage: python make_pdf.py OUT.pdf"""

import sys

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Paragraph, Spacer, Table, TableStyle

FD = "/usr/share/fonts/truetype/dejavu/"
pdfmetrics.registerFont(TTFont("DV", FD + "DejaVuSans.ttf"))
pdfmetrics.registerFont(TTFont("DVB", FD + "DejaVuSans-Bold.ttf"))
pdfmetrics.registerFont(TTFont("DVI", FD + "DejaVuSans-Oblique.ttf"))
pdfmetrics.registerFont(TTFont("DVS", FD + "DejaVuSerif.ttf"))
pdfmetrics.registerFont(TTFont("DVSB", FD + "DejaVuSerif-Bold.ttf"))
pdfmetrics.registerFont(TTFont("DVSI", FD + "DejaVuSerif-Italic.ttf"))
from reportlab.lib.fonts import addMapping  # noqa: E402

addMapping("DVS", 0, 0, "DVS")
addMapping("DVS", 1, 0, "DVSB")
addMapping("DVS", 0, 1, "DVSI")
addMapping("DVS", 1, 1, "DVSB")
addMapping("DV", 0, 0, "DV")
addMapping("DV", 1, 0, "DVB")
addMapping("DV", 0, 1, "DVI")
addMapping("DV", 1, 1, "DVB")

TITLE = "TSSBM Clinical Practice Guideline on the Diagnosis and Management of Obstructive Sleep Apnoea in Adults: 2025 Update"
body = ParagraphStyle("b", fontName="DVS", fontSize=8.6, leading=11.2, spaceAfter=4, alignment=4)
small = ParagraphStyle("s", parent=body, fontSize=7.4, leading=9.2, alignment=0)
h1 = ParagraphStyle("h1", fontName="DVB", fontSize=11.5, leading=14, spaceBefore=8, spaceAfter=4, textColor=colors.HexColor("#1d3d5c"))
h2 = ParagraphStyle("h2", fontName="DVB", fontSize=9.2, leading=11.5, spaceBefore=6, spaceAfter=3, textColor=colors.HexColor("#6b2d0f"))
kq = ParagraphStyle("kq", fontName="DVI", fontSize=8.8, leading=11, spaceBefore=6, spaceAfter=3, textColor=colors.HexColor("#333333"))
rec = ParagraphStyle("rec", fontName="DV", fontSize=8.8, leading=11.4)
num = ParagraphStyle("num", fontName="DVB", fontSize=13, leading=15, textColor=colors.HexColor("#1d3d5c"))
mar = ParagraphStyle("mar", fontName="DV", fontSize=9.5, leading=12, alignment=1)
ttl = ParagraphStyle("t", fontName="DVSB", fontSize=15, leading=19, spaceAfter=6)

SYM = {"high": "⊕⊕⊕⊕", "moderate": "⊕⊕⊕◯", "low": "⊕⊕◯◯", "very low": "⊕◯◯◯"}
ARW = {("for", "strong"): "↑↑", ("for", "conditional"): "↑", ("against", "conditional"): "↓", ("against", "strong"): "↓↓"}
WORDS = {
    ("for", "strong"): "Strong for",
    ("for", "conditional"): "Conditional for",
    ("against", "conditional"): "Conditional against",
    ("against", "strong"): "Strong against",
}


def R(n, d, s, c, text, short):
    return dict(n=n, d=d, s=s, c=c, text=text, short=short)


def rec_row(r):
    right = f"<font name='DVB' size='12'>{ARW[(r['d'], r['s'])]}</font><br/>{SYM[r['c']]}"
    t = Table([[Paragraph(r["n"], num), Paragraph(r["text"], rec), Paragraph(right, mar)]], colWidths=[13 * mm, 128 * mm, 27 * mm])
    t.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEABOVE", (0, 0), (-1, 0), 0.6, colors.HexColor("#1d3d5c")),
                ("LINEBELOW", (0, 0), (-1, 0), 0.3, colors.HexColor("#999999")),
                ("LINEAFTER", (0, 0), (0, 0), 0.3, colors.HexColor("#bbbbbb")),
                ("LINEBEFORE", (2, 0), (2, 0), 0.3, colors.HexColor("#bbbbbb")),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ]
        )
    )
    return t


def gps_row(label, text):
    t = Table(
        [
            [
                Paragraph(label, ParagraphStyle("g", parent=num, fontSize=8.5, textColor=colors.HexColor("#555555"))),
                Paragraph(text, ParagraphStyle("gi", parent=rec, fontName="DVI")),
                Paragraph("✓<br/><font size='7'>not graded</font>", mar),
            ]
        ],
        colWidths=[13 * mm, 128 * mm, 27 * mm],
    )
    t.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor("#f2f2f2")),
                ("LINEABOVE", (0, 0), (-1, 0), 0.3, colors.HexColor("#999999")),
                ("LINEBELOW", (0, 0), (-1, 0), 0.3, colors.HexColor("#999999")),
            ]
        )
    )
    return t


# ---------------------------------------------------------------- content
SECTIONS = [
    (
        "3. Diagnosis and case finding",
        [
            (
                "Question 1. Should questionnaire-based screening vs no screening be used in asymptomatic adults in the general population?",
                "Eleven diagnostic-accuracy studies (n = 9 412) evaluated STOP-Bang, the Berlin questionnaire and the Epworth Sleepiness Scale "
                "in unselected community or primary-care adults. Specificity ranged from 0.27 to 0.62, so most positive screens would be false positives, "
                "and no trial showed that screening improved patient-important outcomes.",
                [
                    R(
                        "1",
                        "against",
                        "conditional",
                        "low",
                        "We suggest not using screening questionnaires (such as STOP-Bang or the Berlin questionnaire) to screen asymptomatic adults in the general population for OSA.",
                        "No questionnaire screening of asymptomatic adults",
                    )
                ],
                "The panel judged that the downstream burden of testing false positives outweighed the small, uncertain benefit.",
            ),
            (
                "Question 2. Should clinical tools, questionnaires or prediction rules alone vs sleep testing be used to diagnose OSA?",
                "Pooled sensitivity of the best-performing prediction rule for moderate-to-severe OSA was 0.84 and specificity 0.41 (moderate certainty).",
                [
                    R(
                        "2",
                        "against",
                        "strong",
                        "moderate",
                        "We recommend that clinical tools, questionnaires and prediction algorithms not be used to diagnose OSA in adults in the absence of polysomnography or home sleep apnoea testing.",
                        "Questionnaires/prediction rules not to be used alone for diagnosis",
                    )
                ],
                "Misclassification would lead to untreated disease or unnecessary therapy; the panel therefore made a strong recommendation.",
            ),
            (
                "Question 3. Should home sleep apnoea testing (HSAT) vs in-laboratory polysomnography (PSG) be used for diagnosis?",
                "Seventeen studies compared type III HSAT devices with PSG. In patients with a high pretest probability, HSAT correctly classified "
                "moderate-to-severe OSA in 88% of cases. Accuracy was lower in patients with cardiopulmonary or neuromuscular disease.",
                [
                    R(
                        "3a",
                        "for",
                        "strong",
                        "moderate",
                        "We recommend that PSG, or a technically adequate HSAT, be used for the diagnosis of OSA in uncomplicated adults presenting with signs and symptoms that indicate an increased risk of moderate to severe OSA.",
                        "PSG or adequate HSAT for uncomplicated adults at increased risk",
                    ),
                    R(
                        "3b",
                        "for",
                        "strong",
                        "low",
                        "We recommend that PSG, rather than HSAT, be used for the diagnosis of OSA in adults with significant cardiorespiratory disease, potential respiratory muscle weakness, awake hypoventilation, history of stroke or severe insomnia.",
                        "PSG rather than HSAT in complex patients",
                    ),
                ],
                None,
            ),
            (
                "Question 4. After a negative or inadequate home test, should PSG vs a repeat HSAT be performed?",
                "Only two small cohort studies addressed this question; both were at serious risk of bias.",
                [
                    R(
                        "4",
                        "for",
                        "conditional",
                        "very low",
                        "We suggest that, if a single HSAT is negative, inconclusive or technically inadequate, PSG be performed rather than a repeat HSAT for the diagnosis of OSA.",
                        "PSG rather than repeat HSAT after negative/inadequate HSAT",
                    ),
                    R(
                        "5",
                        "for",
                        "conditional",
                        "low",
                        "We suggest that a split-night diagnostic protocol, rather than a full-night diagnostic PSG followed by a separate titration night, may be used when moderate-to-severe OSA is evident during the first two hours of recording.",
                        "Split-night protocol acceptable",
                    ),
                ],
                "Recommendation 5 was made under this question because the same studies informed both statements.",
            ),
        ],
    ),
    (
        "4. Positive airway pressure therapy",
        [
            (
                "Question 5. Should PAP vs no PAP be used in adults with OSA and excessive sleepiness?",
                "Thirty-eight randomised controlled trials (RCTs) showed a clinically significant reduction in the Epworth score "
                "(mean difference −2.9 points; 95% CI −3.6 to −2.2) and fewer motor-vehicle crashes.",
                [
                    R(
                        "6",
                        "for",
                        "strong",
                        "high",
                        "We recommend that clinicians use positive airway pressure (PAP), compared with no therapy, to treat OSA in adults with excessive sleepiness.",
                        "PAP for OSA with excessive sleepiness",
                    )
                ],
                None,
            ),
            (
                "Question 6. Should PAP vs no PAP be used in adults with OSA without excessive sleepiness?",
                "Effects on sleep-related quality of life were modest and imprecise. In 14 RCTs of participants with hypertension, PAP reduced 24-hour "
                "systolic blood pressure by 2.6 mmHg. Large cardiovascular-outcome trials (n = 5 123) showed no reduction in major cardiovascular events or mortality.",
                [
                    R(
                        "7a",
                        "for",
                        "conditional",
                        "low",
                        "We suggest that clinicians use PAP, compared with no therapy, to treat OSA in adults with impaired sleep-related quality of life.",
                        "PAP for impaired sleep-related quality of life",
                    ),
                    R(
                        "7b",
                        "for",
                        "conditional",
                        "moderate",
                        "We suggest that clinicians use PAP, compared with no therapy, to treat OSA in adults with comorbid hypertension.",
                        "PAP for OSA with comorbid hypertension",
                    ),
                    R(
                        "8",
                        "against",
                        "conditional",
                        "moderate",
                        "We suggest not initiating PAP therapy solely to reduce cardiovascular events or mortality in adults with OSA who have no excessive sleepiness.",
                        "No PAP solely to prevent cardiovascular events in non-sleepy OSA",
                    ),
                ],
                "The panel emphasised that Recommendation 8 does not discourage PAP in non-sleepy patients who have other indications (see 7a and 7b).",
            ),
            (
                "Question 7. Should auto-adjusting PAP (APAP) at home vs in-laboratory CPAP titration be used to initiate therapy?",
                "Ten RCTs found no important differences in adherence, sleepiness or quality of life between the two strategies.",
                [
                    R(
                        "9",
                        "for",
                        "conditional",
                        "moderate",
                        "We suggest that PAP therapy be initiated using either APAP at home or in-laboratory PAP titration in adults with OSA and no significant comorbidities.",
                        "APAP at home or in-lab titration to initiate PAP",
                    )
                ],
                None,
            ),
            (
                "Question 8. Should adherence interventions vs usual care be used during PAP initiation?",
                "Educational interventions increased mean nightly use by 35 minutes (high-quality trials, some imprecision). Behavioural and troubleshooting "
                "interventions showed larger but inconsistent effects. Telemonitoring studies were small, short and heterogeneous.",
                [
                    R(
                        "10a",
                        "for",
                        "strong",
                        "moderate",
                        "We recommend that clinicians provide educational interventions to adults with OSA at the initiation of PAP therapy.",
                        "Education at PAP initiation",
                    ),
                    R(
                        "10b",
                        "for",
                        "conditional",
                        "low",
                        "We suggest that clinicians use behavioural and/or troubleshooting interventions during the initial period of PAP therapy.",
                        "Behavioural/troubleshooting interventions early in PAP",
                    ),
                    R(
                        "11",
                        "for",
                        "conditional",
                        "very low",
                        "We suggest that clinicians use telemonitoring-guided interventions during the initial period of PAP therapy in adults with OSA.",
                        "Telemonitoring during initial PAP",
                    ),
                ],
                None,
            ),
            (
                "Question 9. Should bilevel PAP (BPAP) vs CPAP or APAP be used; and which interface should be used first?",
                "Six small crossover trials found no advantage of BPAP for adherence or sleepiness in patients without hypoventilation. "
                "Observational data associated oronasal masks with higher residual AHI, higher pressure requirements and lower adherence.",
                [
                    R(
                        "12",
                        "against",
                        "conditional",
                        "low",
                        "We suggest not routinely using BPAP in preference to CPAP or APAP for the treatment of OSA in adults without coexisting hypoventilation.",
                        "No routine BPAP over CPAP/APAP",
                    ),
                    R(
                        "13",
                        "for",
                        "conditional",
                        "low",
                        "We suggest a nasal interface (nasal mask or nasal pillows), rather than an oronasal (full-face) mask, as the first-choice interface for adults starting PAP therapy.",
                        "Nasal interface as first choice",
                    ),
                ],
                None,
            ),
        ],
    ),
    (
        "5. Alternatives and adjuncts to PAP",
        [
            (
                "Question 10. Should oral appliances vs no therapy be used in adults with OSA?",
                "Twenty-one RCTs showed that custom, titratable mandibular advancement devices (MADs) reduce the AHI by a mean of 13 events/h and improve sleepiness. "
                "Prefabricated (non-custom, 'boil-and-bite') devices were less effective and less well tolerated in three crossover trials.",
                [
                    R(
                        "14a",
                        "for",
                        "conditional",
                        "moderate",
                        "We suggest a custom-made, titratable mandibular advancement device, rather than no therapy, for adults with OSA who are intolerant of PAP therapy or prefer alternative therapy.",
                        "Custom titratable MAD when PAP not tolerated or not preferred",
                    ),
                    R(
                        "14b",
                        "against",
                        "strong",
                        "low",
                        "Non-custom (prefabricated) oral appliances should not be used as definitive treatment for OSA in adults.",
                        "Prefabricated oral appliances not as definitive treatment",
                    ),
                ],
                "A qualified dentist should fit the device (see Good practice statement B).",
            ),
            (
                "Question 11. Should positional therapy vs no therapy be used in adults with positional OSA?",
                "Positional OSA was defined as a supine AHI at least twice the non-supine AHI. Vibrational devices reduced AHI but long-term adherence fell to 44% at 12 months.",
                [
                    R(
                        "15",
                        "for",
                        "conditional",
                        "low",
                        "We suggest positional therapy with a vibrational device for adults with positional OSA who do not tolerate, or decline, PAP and oral appliance therapy.",
                        "Positional therapy for positional OSA",
                    )
                ],
                None,
            ),
            (
                "Question 12. Should weight-management interventions be used in adults with OSA and overweight or obesity?",
                "Comprehensive lifestyle programmes reduced the AHI by 9 events/h on average (moderate certainty). Two RCTs of tirzepatide in adults with obesity and "
                "moderate-to-severe OSA showed AHI reductions of 25–29 events/h at 52 weeks, with gastrointestinal adverse effects in up to a quarter of participants.",
                [
                    R(
                        "16",
                        "for",
                        "strong",
                        "moderate",
                        "We recommend that adults with OSA who are overweight or obese be referred to a comprehensive lifestyle intervention (reduced-calorie diet, increased physical activity and behavioural counselling) in addition to their primary OSA therapy.",
                        "Comprehensive lifestyle weight-loss programme",
                    ),
                    R(
                        "17",
                        "for",
                        "conditional",
                        "moderate",
                        "We suggest pharmacotherapy with a glucose-dependent insulinotropic polypeptide/GLP-1 receptor agonist (tirzepatide) for adults with moderate-to-severe OSA and obesity (BMI ≥30 kg/m²).",
                        "Tirzepatide for moderate-to-severe OSA with obesity",
                    ),
                ],
                None,
            ),
            (
                "Question 13. Should surgical referral or hypoglossal nerve stimulation (HNS) be used in adults who cannot use PAP?",
                "Evidence for upper-airway surgery came mostly from uncontrolled case series. For HNS, one RCT (therapy withdrawal) and several prospective cohorts showed "
                "a median AHI reduction of 68% in selected patients.",
                [
                    R(
                        "18a",
                        "for",
                        "conditional",
                        "very low",
                        "We suggest that clinicians discuss referral to a sleep surgeon for adults with OSA and a BMI below 40 kg/m² who are intolerant of, or unwilling to use, PAP.",
                        "Surgical referral when PAP not tolerated (BMI <40)",
                    ),
                    R(
                        "18b",
                        "for",
                        "conditional",
                        "low",
                        "We suggest hypoglossal nerve stimulation for selected adults with moderate-to-severe OSA (AHI 15–65 events/h), BMI below 32 kg/m² and no complete concentric palatal collapse, who are intolerant of PAP.",
                        "Hypoglossal nerve stimulation in selected PAP-intolerant adults",
                    ),
                ],
                None,
            ),
            (
                "Question 14. Should supplemental oxygen or oropharyngeal exercises be used instead of PAP?",
                "Four RCTs compared nocturnal oxygen with CPAP; oxygen improved saturation but not AHI, sleepiness or blood pressure, and prolonged apnoea duration. "
                "Oropharyngeal (myofunctional) exercise trials were small, unblinded and short.",
                [
                    R(
                        "19",
                        "against",
                        "strong",
                        "high",
                        "We recommend against the use of supplemental nocturnal oxygen as a substitute for PAP therapy in adults with OSA.",
                        "No nocturnal oxygen as a substitute for PAP",
                    ),
                    R(
                        "20",
                        "against",
                        "conditional",
                        "very low",
                        "We suggest against oropharyngeal (myofunctional) exercises as a stand-alone treatment for moderate-to-severe OSA in adults.",
                        "No stand-alone myofunctional therapy for moderate-to-severe OSA",
                    ),
                ],
                None,
            ),
        ],
    ),
    (
        "6. Pharmacotherapy and follow-up",
        [
            (
                "Question 15. Should wake-promoting drugs vs placebo be used for residual sleepiness despite adequate PAP?",
                "Residual sleepiness was defined as an Epworth score above 10 despite PAP use of at least 4 h per night on 70% of nights. "
                "Four RCTs of solriamfetol and two of pitolisant were identified.",
                [
                    R(
                        "21a",
                        "for",
                        "conditional",
                        "moderate",
                        "We suggest solriamfetol for adults with OSA who have persistent excessive sleepiness despite adequate adherence to effective PAP therapy.",
                        "Solriamfetol for residual sleepiness",
                    ),
                    R(
                        "21b",
                        "for",
                        "conditional",
                        "low",
                        "We suggest pitolisant as an alternative for adults with OSA and persistent excessive sleepiness despite adequate PAP adherence, particularly where solriamfetol is contraindicated.",
                        "Pitolisant as alternative for residual sleepiness",
                    ),
                ],
                "Before prescribing, clinicians should exclude insufficient sleep, depression and other sleep disorders.",
            ),
            (
                "Question 16. Should drugs that target upper-airway muscle tone be used to treat OSA?",
                "Three short crossover trials of atomoxetine–oxybutynin showed variable AHI reductions with frequent anticholinergic and sympathomimetic adverse effects.",
                [
                    R(
                        "22",
                        "against",
                        "strong",
                        "low",
                        "Pharmacotherapy aimed at upper-airway muscle tone (for example, atomoxetine combined with oxybutynin) is not recommended for the treatment of OSA outside research settings.",
                        "Upper-airway-tone drugs not recommended outside research",
                    )
                ],
                None,
            ),
            (
                "Question 17. Should follow-up sleep testing vs clinical follow-up alone be used after non-PAP treatment?",
                "No comparative studies were identified; indirect evidence showed that symptoms correlate poorly with residual AHI after oral appliance therapy or surgery.",
                [
                    R(
                        "23",
                        "for",
                        "conditional",
                        "very low",
                        "We suggest objective follow-up sleep testing (HSAT or PSG) to confirm treatment efficacy after a mandibular advancement device has been titrated or after upper-airway surgery.",
                        "Follow-up sleep test after MAD titration or surgery",
                    )
                ],
                None,
            ),
        ],
    ),
]

GPS = [
    (
        "A",
        "Adults with OSA should be asked about drowsy driving at diagnosis and at every follow-up visit, and advised not to drive when sleepy. (Placed after Recommendation 6.)",
    ),
    (
        "B",
        "Oral appliances should be fitted and titrated by a qualified dentist, and the choice among alternatives to PAP should follow shared decision-making. (Placed after Recommendation 14b.)",
    ),
    (
        "C",
        "PAP adherence and efficacy should be reviewed with objective device-downloaded data within the first three months of therapy. (Placed after Recommendation 11.)",
    ),
]


def page_deco(canvas, doc):
    canvas.saveState()
    canvas.setFont("DV", 7)
    canvas.setFillColor(colors.HexColor("#555555"))
    canvas.drawString(20 * mm, 289 * mm, "Journal of Sleep and Respiratory Practice · 2025; 14(3): 201–214 · doi:10.9999/jsrp.2025.0142")
    canvas.drawRightString(190 * mm, 289 * mm, "TSSBM Guideline — Obstructive Sleep Apnoea in Adults")
    canvas.line(20 * mm, 287.5 * mm, 190 * mm, 287.5 * mm)
    canvas.drawCentredString(105 * mm, 10 * mm, f"— {doc.page} —")
    canvas.restoreState()


def build(out):
    doc = BaseDocTemplate(
        out,
        pagesize=A4,
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        topMargin=16 * mm,
        bottomMargin=16 * mm,
        title=TITLE,
        author="Transatlantic Society for Sleep and Breathing Medicine (TSSBM) Guideline Panel",
        subject="GRADE clinical practice guideline: obstructive sleep apnoea in adults",
        keywords="obstructive sleep apnoea; CPAP; GRADE; guideline",
    )
    fr = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="f")
    doc.addPageTemplates([PageTemplate(id="p", frames=[fr], onPage=page_deco)])
    s = []

    def P(t, st=body):  # noqa: N802
        s.append(Paragraph(t, st))

    P("CLINICAL PRACTICE GUIDELINE", ParagraphStyle("k", fontName="DVB", fontSize=8, textColor=colors.HexColor("#6b2d0f")))
    P(TITLE, ttl)
    P(
        "Imogen Saltveit, MD, PhD (Chair); Rafael Okonkwo-Dunne, MD; Lise Bergqvist, DDS; Tomasz Wierzbicki, MD; Harriet Achterberg, RN, MSc; "
        "Kwame Asante-Ruiz, MD, MPH (GRADE methodologist); Priya Venkataraman, PhD (GRADE methodologist); Dorothea Flanagan (patient partner); "
        "and the TSSBM Sleep-Disordered Breathing Guideline Panel",
        small,
    )
    P(
        "<b>Published online:</b> 2 June 2025 · <b>Approved by the TSSBM Board of Directors:</b> 14 March 2025 · "
        "<b>Literature search current to:</b> 31 October 2024 · <b>Supersedes:</b> the 2017 TSSBM OSA guideline · "
        "<b>Planned review:</b> 2028",
        small,
    )
    s.append(Spacer(1, 4))
    P(
        "<b>Abstract.</b> Obstructive sleep apnoea (OSA) affects an estimated 9–38% of adults and is associated with sleepiness, impaired quality of life, "
        "motor-vehicle crashes and hypertension. The Transatlantic Society for Sleep and Breathing Medicine (TSSBM) convened a multidisciplinary panel "
        "to update its 2017 guideline. Using the GRADE approach, the panel addressed 17 key questions and issued 23 numbered recommendations "
        "comprising 29 graded statements (9 strong and 20 conditional), together with three ungraded good practice statements."
    )
    s.append(Spacer(1, 3))
    # legend
    leg = [
        [Paragraph("<b>How to read the recommendations</b>", small), "", ""],
        [
            Paragraph(
                "Left margin: recommendation number (numbers with a letter are separately graded parts of one recommendation).", small
            ),
            Paragraph(
                "Strength and direction:<br/>↑↑ strong recommendation for<br/>↑ conditional (weak) recommendation for<br/>"
                "↓ conditional (weak) recommendation against<br/>↓↓ strong recommendation against",
                small,
            ),
            Paragraph(
                "Certainty of evidence:<br/>⊕⊕⊕⊕ high<br/>⊕⊕⊕◯ moderate<br/>⊕⊕◯◯ low<br/>⊕◯◯◯ very low<br/>✓ good practice statement (not graded)",
                small,
            ),
        ],
    ]
    lt = Table(leg, colWidths=[56 * mm, 58 * mm, 56 * mm])
    lt.setStyle(
        TableStyle(
            [
                ("SPAN", (0, 0), (-1, 0)),
                ("BOX", (0, 0), (-1, -1), 0.6, colors.HexColor("#1d3d5c")),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e3ebf3")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    s.append(lt)

    P("1. Introduction and scope", h1)
    P(
        "This guideline provides recommendations on the diagnosis of OSA and on treatment with positive airway pressure (PAP), oral appliances, positional "
        "therapy, weight management, surgery and drugs. It is intended for sleep physicians, respiratory physicians, primary-care clinicians, dentists "
        "with sleep training and sleep technologists."
    )
    P("<b>Target population.</b> Adults aged 18 years or older with suspected or confirmed OSA, in outpatient and home settings.", body)
    P("<b>Populations excluded.</b> The recommendations do not apply to:", body)
    for t in [
        "children and adolescents younger than 18 years;",
        "pregnant women (OSA in pregnancy is addressed in a separate TSSBM statement);",
        "patients with predominant central sleep apnoea or Cheyne–Stokes respiration;",
        "patients with obesity hypoventilation syndrome or other causes of daytime hypercapnia;",
        "patients with neuromuscular disease who require non-invasive ventilation;",
        "acutely ill hospitalised patients, including those in intensive care.",
    ]:
        P("• " + t, ParagraphStyle("bl", parent=body, leftIndent=10, spaceAfter=1))
    P("<b>This guideline does not address:</b>", body)
    for t in [
        "perioperative screening and management of OSA in patients undergoing surgery or sedation;",
        "bariatric (metabolic) surgery as a treatment for OSA;",
        "regulatory fitness-to-drive certification and licensing of commercial drivers;",
        "management of comorbid insomnia with OSA (including cognitive behavioural therapy for insomnia);",
        "cannabinoids (e.g., dronabinol), acupuncture or other complementary therapies;",
        "cost-effectiveness, reimbursement or device procurement.",
    ]:
        P("• " + t, ParagraphStyle("bl2", parent=body, leftIndent=10, spaceAfter=1))

    P("2. Methods", h1)
    P(
        "<b>Panel.</b> The panel comprised 16 members: 10 clinicians (sleep medicine, respiratory medicine, otolaryngology, cardiology, primary care), "
        "1 dentist, 1 nurse, 2 GRADE methodologists and 2 patient partners. Members with relevant financial conflicts (n = 3) did not vote on affected questions."
    )
    P(
        "<b>Evidence review.</b> Systematic searches of MEDLINE, Embase and CENTRAL were run from 1 January 2016 to 31 October 2024 and identified "
        "6 418 records, of which 212 studies were included. Certainty of evidence was rated high, moderate, low or very low using GRADE."
    )
    P(
        "<b>From evidence to recommendations.</b> Strong recommendations are worded \u201cwe recommend\u201d (or are phrased as directives such as "
        "\u201cshould not be used\u201d or \u201cis not recommended\u201d); conditional recommendations, also called weak recommendations, are worded "
        "\u201cwe suggest\u201d. Recommendations required at least 80% agreement of voting members; all 29 statements reached this threshold in "
        "the first or second round of voting. Good practice statements (labelled A–C) were not graded. Key questions are numbered separately "
        "from recommendations; a key question may yield several recommendations."
    )
    P(
        "<b>Definitions.</b> OSA severity was defined by the apnoea–hypopnoea index (AHI): mild 5 to &lt;15, moderate 15 to &lt;30, severe ≥30 events/h. "
        "Excessive sleepiness was defined as an Epworth Sleepiness Scale score above 10 or clinically significant sleepiness reported by the patient."
    )

    gps_after = {"6": GPS[0], "14b": GPS[1], "11": GPS[2]}
    for sec, qs in SECTIONS:
        P(sec, h1)
        for q, ev, recs, rat in qs:
            P(q, kq)
            P("<b>Evidence summary.</b> " + ev)
            for r in recs:
                s.append(rec_row(r))
                if r["n"] in gps_after:
                    g = gps_after[r["n"]]
                    s.append(gps_row(g[0], "Good practice statement " + g[0] + ": " + g[1].split(" (Placed")[0]))
            s.append(Spacer(1, 3))
            if rat:
                P("<b>Remarks.</b> " + rat)

    P("7. Summary of recommendations", h1)
    P("Table 2 lists all graded statements. Abbreviated wording is used; the full text in Sections 3–6 takes precedence.", small)
    rows = [
        [
            Paragraph("<b>No.</b>", small),
            Paragraph("<b>Recommendation (abbreviated)</b>", small),
            Paragraph("<b>Strength</b>", small),
            Paragraph("<b>Certainty</b>", small),
        ]
    ]
    for _sec, qs in SECTIONS:
        for _q, _ev, recs, _rat in qs:
            for r in recs:
                rows.append(
                    [
                        Paragraph(r["n"], small),
                        Paragraph(r["short"], small),
                        Paragraph(ARW[(r["d"], r["s"])], mar),
                        Paragraph(SYM[r["c"]], mar),
                    ]
                )
    tb = Table(rows, colWidths=[12 * mm, 108 * mm, 22 * mm, 28 * mm], repeatRows=1)
    tb.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.3, colors.HexColor("#888888")),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e3ebf3")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
            ]
        )
    )
    s.append(tb)
    P(
        "Table 2. Summary of graded recommendations (symbols as in the key on page 1). Good practice statements A–C are listed in the text and are not graded.",
        small,
    )

    P("8. Research priorities", h1)
    P(
        "The panel identified the need for adequately powered trials of PAP in non-sleepy patients with established cardiovascular disease, "
        "long-term comparative trials of HNS versus oral appliances, and trials of combination therapy (MAD plus positional therapy)."
    )
    P("Funding and conflicts of interest", h2)
    P(
        "The guideline was funded entirely by the TSSBM; no industry funding was received. Conflict-of-interest declarations for all 16 panel members are "
        "available in Supplementary Appendix 3. The draft was open to public consultation from 9 December 2024 to 20 January 2025 and received 47 comments."
    )
    P("Correspondence: guidelines@tssbm.example.org. © 2025 Transatlantic Society for Sleep and Breathing Medicine.", small)
    doc.build(s)


if __name__ == "__main__":
    build(sys.argv[1] if len(sys.argv) > 1 else "guideline.pdf")
