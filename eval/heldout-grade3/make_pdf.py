#!/usr/bin/env python
"""Write an invented GRADE guideline (left-sided colonic diverticulitis in adults) as a PDF.

Usage: make_pdf.py OUT.pdf
"""

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
pdfmetrics.registerFont(TTFont("Serif", FD + "DejaVuSerif.ttf"))
pdfmetrics.registerFont(TTFont("Serif-Bold", FD + "DejaVuSerif-Bold.ttf"))
pdfmetrics.registerFont(TTFont("Serif-Italic", FD + "DejaVuSerif-Italic.ttf"))
pdfmetrics.registerFont(TTFont("Serif-BoldItalic", FD + "DejaVuSerif-BoldItalic.ttf"))
pdfmetrics.registerFont(TTFont("Sans", FD + "DejaVuSans.ttf"))
pdfmetrics.registerFont(TTFont("Sans-Bold", FD + "DejaVuSans-Bold.ttf"))
pdfmetrics.registerFont(TTFont("Sans-Oblique", FD + "DejaVuSans-Oblique.ttf"))
pdfmetrics.registerFontFamily("Serif", normal="Serif", bold="Serif-Bold", italic="Serif-Italic", boldItalic="Serif-BoldItalic")
pdfmetrics.registerFontFamily("Sans", normal="Sans", bold="Sans-Bold", italic="Sans-Oblique", boldItalic="Sans-Bold")

TEAL = colors.HexColor("#1d5c63")
SHADE = colors.HexColor("#e8f1f2")
GPS_SHADE = colors.HexColor("#f4efe4")

body = ParagraphStyle("body", fontName="Serif", fontSize=8.8, leading=11.6, alignment=TA_JUSTIFY, spaceAfter=4)
h1 = ParagraphStyle("h1", fontName="Sans-Bold", fontSize=10.5, leading=13, textColor=TEAL, spaceBefore=8, spaceAfter=4)
h2 = ParagraphStyle("h2", fontName="Sans-Bold", fontSize=9, leading=11.5, spaceBefore=6, spaceAfter=2)
h3 = ParagraphStyle("h3", fontName="Sans-Oblique", fontSize=8.6, leading=11, spaceBefore=4, spaceAfter=2)
rec_txt = ParagraphStyle("rec", fontName="Sans", fontSize=8.2, leading=10.6, alignment=TA_LEFT)
rec_num = ParagraphStyle("recn", fontName="Sans-Bold", fontSize=9, leading=11, textColor=TEAL)
grade = ParagraphStyle("grade", fontName="Sans-Oblique", fontSize=7.4, leading=9.4, textColor=colors.HexColor("#333333"))
ref = ParagraphStyle("ref", fontName="Serif", fontSize=7.2, leading=9, leftIndent=10, firstLineIndent=-10, spaceAfter=1.5)
small = ParagraphStyle("small", fontName="Sans", fontSize=7.2, leading=9.2)

CIRC = {"high": "⊕⊕⊕⊕", "moderate": "⊕⊕⊕○", "low": "⊕⊕○○", "very low": "⊕○○○"}

JOURNAL = "Scand-Atlantic Journal of Digestive Medicine"
CITE = "Scand Atl J Dig Med. 2025;14(3):201–208"
TITLE = (
    "Nordic–Atlantic Society of Gastroenterology and Colorectal Surgery (NASGCS) 2025 Clinical "
    "Practice Guideline on the Management of Left-Sided Colonic Diverticulitis in Adults"
)


def rec(num, text, strength, certainty):
    strength_txt = "Strong recommendation" if strength == "strong" else "Conditional recommendation"
    g = f"[{strength_txt}; {certainty} certainty of evidence {CIRC[certainty]}]"
    t = Table(
        [[Paragraph(f"Rec.&nbsp;{num}", rec_num), [Paragraph(text, rec_txt), Spacer(1, 2), Paragraph(g, grade)]]], colWidths=[19 * mm, None]
    )
    t.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, -1), SHADE),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBEFORE", (0, 0), (0, -1), 2, TEAL),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
                ("LEFTPADDING", (0, 0), (-1, -1), 4),
                ("RIGHTPADDING", (0, 0), (-1, -1), 4),
            ]
        )
    )
    return [t, Spacer(1, 4)]


def gps(label, text):
    t = Table(
        [
            [
                Paragraph(label.replace(" ", "&nbsp;"), rec_num),
                [Paragraph(text, rec_txt), Spacer(1, 2), Paragraph("[Ungraded good practice statement]", grade)],
            ]
        ],
        colWidths=[19 * mm, None],
    )
    t.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, -1), GPS_SHADE),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
                ("LEFTPADDING", (0, 0), (-1, -1), 4),
                ("RIGHTPADDING", (0, 0), (-1, -1), 4),
            ]
        )
    )
    return [t, Spacer(1, 4)]


def P(text, st=body):
    return Paragraph(text, st)


def sections():
    S = []
    S += [P("1. Introduction", h1)]
    S += [
        P(
            "Colonic diverticulosis is among the most common structural findings of the large bowel in "
            "high-income countries, and its prevalence increases steeply with age: fewer than 10% of people "
            "younger than 40 years but more than half of those older than 70 years have diverticula on imaging "
            "or endoscopy [1,2]. Acute diverticulitis develops in an estimated 4% of people with diverticulosis "
            "over their lifetime and accounts for a substantial share of emergency surgical admissions [3]. In "
            "Northern Europe and North America the sigmoid and descending colon are involved in more than 90% "
            "of cases."
        )
    ]
    S += [
        P(
            "Management has shifted considerably over the last 15 years. Randomised trials have questioned "
            "the routine use of antibiotics for uncomplicated disease [4–6], the threshold for elective "
            "sigmoid resection has moved away from counting episodes [7], and the emergency surgical "
            "options for perforated disease have been tested in several trials [8–11]. The previous NASGCS "
            "guidance (2016) was a consensus document without formal evidence grading. This guideline "
            "replaces it in full."
        )
    ]
    S += [P("1.1 Aim and target audience", h2)]
    S += [
        P(
            "The purpose of this guideline is to provide evidence-based recommendations on the diagnosis, "
            "acute treatment, follow-up and prevention of recurrence of left-sided colonic diverticulitis in "
            "adults. The intended users are general practitioners, emergency physicians, gastroenterologists, "
            "colorectal and general surgeons, radiologists, nurses and pharmacists, as well as patients and "
            "health-service planners."
        )
    ]
    S += [P("1.2 Population and scope", h2)]
    S += [
        P(
            "The guideline applies to adults aged 18 years or older with suspected or confirmed acute "
            "diverticulitis of the sigmoid or descending colon, managed in primary care, emergency "
            "departments or hospital wards. It does <b>not</b> apply to children and adolescents younger than "
            "18 years; to pregnant or breastfeeding women; to right-sided (caecal or ascending colon) "
            "diverticulitis; to diverticular bleeding, which is covered by the separate NASGCS guideline on "
            "lower gastrointestinal bleeding (2023); to segmental colitis associated with diverticulosis; or to "
            "symptomatic uncomplicated diverticular disease without evidence of inflammation."
        )
    ]
    S += [P("1.3 Definitions", h2)]
    S += [
        P(
            "<i>Uncomplicated diverticulitis</i> is inflammation confined to the colonic wall and the adjacent "
            "pericolic fat, including small amounts of extraluminal gas within 5 cm of the bowel, without "
            "abscess, distant free air, fistula, obstruction or peritonitis. <i>Complicated diverticulitis</i> "
            "is diverticulitis with any of these features; perforated disease is described with the modified "
            "Hinchey classification (stage III, purulent peritonitis; stage IV, faecal peritonitis). "
            "<i>Immunocompromised</i> patients are those with a solid-organ transplant, current or recent "
            "(within 3 months) cytotoxic chemotherapy, long-term systemic corticosteroids (prednisolone "
            "20 mg/day or equivalent for 4 weeks or longer), biological or other immunosuppressive therapy, "
            "advanced HIV infection (CD4 count below 200 cells/µL) or a haematological malignancy."
        )
    ]

    S += [P("2. Methods", h1)]
    S += [P("2.1 Guideline panel and conflicts of interest", h2)]
    S += [
        P(
            "The NASGCS Clinical Guidelines Committee appointed a panel of 14 members: five gastroenterologists, "
            "four colorectal surgeons, two radiologists, one general practitioner, one clinical pharmacist and "
            "one patient representative, supported by two methodologists from the Bergen Centre for Evidence "
            "Synthesis. All members declared interests using the society's standard form; no member had a "
            "relevant financial conflict for the questions on which they voted. The guideline received no "
            "industry funding."
        )
    ]
    S += [P("2.2 Questions and evidence retrieval", h2)]
    S += [
        P(
            "The panel prioritised 21 questions in PICO format. Systematic searches of MEDLINE, Embase, CENTRAL "
            "and Web of Science were performed from inception to 31 May 2024 and updated for randomised trials "
            "on 15 October 2024. Existing high-quality systematic reviews were updated where possible; "
            "otherwise new reviews were performed. Critical outcomes were mortality, treatment failure, "
            "emergency surgery, stoma at 12 months, recurrence and quality of life."
        )
    ]
    S += [P("2.3 Certainty of evidence and strength of recommendations", h2)]
    S += [
        P(
            "We used the Grading of Recommendations Assessment, Development and Evaluation (GRADE) approach. "
            "The certainty of evidence for each outcome was rated as high, moderate, low or very low, "
            "considering risk of bias, inconsistency, indirectness, imprecision and publication bias, and "
            "the overall certainty for a recommendation was that of the lowest-rated critical outcome."
        )
    ]
    t = Table(
        [
            [P("<b>Certainty</b>", small), P("<b>Meaning</b>", small)],
            [P("High ⊕⊕⊕⊕", small), P("We are very confident that the true effect lies close to the estimate.", small)],
            [
                P("Moderate ⊕⊕⊕○", small),
                P(
                    "We are moderately confident; the true effect is likely close to the estimate but may be substantially different.",
                    small,
                ),
            ],
            [P("Low ⊕⊕○○", small), P("Our confidence is limited; the true effect may be substantially different.", small)],
            [
                P("Very low ⊕○○○", small),
                P("We have very little confidence; the true effect is likely to be substantially different.", small),
            ],
        ],
        colWidths=[22 * mm, None],
    )
    t.setStyle(
        TableStyle(
            [("GRID", (0, 0), (-1, -1), 0.3, colors.grey), ("BACKGROUND", (0, 0), (-1, 0), SHADE), ("VALIGN", (0, 0), (-1, -1), "TOP")]
        )
    )
    S += [t, Spacer(1, 5)]
    S += [
        P(
            "Recommendations are either strong or conditional. A <b>strong</b> recommendation (“we recommend”) "
            "means that the panel is confident that the desirable effects of an intervention clearly outweigh "
            "the undesirable effects (or vice versa, for a recommendation against) and that most informed "
            "patients would choose the recommended course. A <b>conditional</b> recommendation (“we suggest”) "
            "means that the balance is less certain, that different choices will be appropriate for different "
            "patients, and that shared decision-making is particularly important. Good practice statements are "
            "ungraded; they were issued when the panel judged the benefit to be large and unequivocal and "
            "collecting evidence to be a poor use of resources."
        )
    ]
    S += [P("2.4 Consensus and external review", h2)]
    S += [
        P(
            "Recommendations were agreed by a modified Delphi process at two panel meetings (Copenhagen, "
            "18 June 2024; online, 4 November 2024); 80% agreement was required. The draft underwent public "
            "consultation and external peer review and was approved by the NASGCS Council on 9 December 2024. "
            "The guideline will be reviewed no later than 2029."
        )
    ]
    S += [P("2.5 How to read the recommendations", h2)]
    S += [
        P(
            "Each recommendation is numbered consecutively (Rec. 1 to Rec. 23) and printed in a shaded box with "
            "its strength and certainty of evidence in square brackets. Where a recommendation has two parts "
            "that were graded separately they are labelled a and b. Ungraded good practice statements (GPS 1 to "
            "GPS 3) are printed in beige boxes. In total the guideline contains 23 numbered recommendations "
            "(25 graded statements) and 3 good practice statements. A summary of all statements is given in "
            "Table 2."
        )
    ]

    # ---------- Section 3
    S += [P("3. Diagnosis and initial assessment", h1)]
    S += gps(
        "GPS 1",
        "Adults presenting with suspected acute diverticulitis should be assessed promptly for "
        "signs of sepsis and generalised peritonitis; patients with either should be referred immediately "
        "for surgical assessment in hospital.",
    )
    S += rec(
        "1",
        "In adults with suspected acute left-sided diverticulitis, we recommend contrast-enhanced "
        "computed tomography (CT) of the abdomen and pelvis to confirm the diagnosis and to stage the "
        "disease, rather than relying on clinical assessment alone.",
        "strong",
        "moderate",
    )
    S += rec(
        "2",
        "Where CT is not readily available, or to avoid ionising radiation, we suggest graded-compression "
        "ultrasonography performed by an experienced operator as an acceptable alternative first "
        "imaging test.",
        "conditional",
        "low",
    )
    S += rec(
        "3",
        "We suggest against the routine measurement of serum procalcitonin to decide whether patients "
        "with acute diverticulitis need antibiotic therapy.",
        "conditional",
        "very low",
    )
    S += [P("Summary of evidence", h3)]
    S += [
        P(
            "A systematic review of 22 diagnostic accuracy studies (4 115 patients) found pooled sensitivity "
            "and specificity of 95% and 96% for CT, and 90% and 94% for ultrasonography, with wide variation "
            "between ultrasound operators [12]. Clinical diagnosis without imaging was incorrect in 34–68% of "
            "patients across three cohorts, and CT identified an alternative diagnosis (most often "
            "gynaecological disease, colorectal cancer or urological conditions) in 10–15% [13]. Evidence for "
            "procalcitonin came from two small observational cohorts with inconsistent thresholds; neither "
            "showed that procalcitonin-guided decisions changed clinical outcomes [14]."
        )
    ]
    S += [P("Benefits and harms", h3)]
    S += [
        P(
            "Early CT allows appropriate triage of patients with abscess or free perforation and makes "
            "outpatient management safer for those with uncomplicated disease. Harms include radiation "
            "exposure and contrast-associated adverse events, which the panel judged small in adults. "
            "Ultrasonography avoids radiation but has lower sensitivity for deep abscess and for small "
            "amounts of distant free air, and it is limited by obesity and bowel gas."
        )
    ]
    S += [P("Values and preferences", h3)]
    S += [
        P(
            "The panel placed a high value on correct staging because it determines all subsequent treatment. "
            "Younger adults who have had repeated CT examinations may prefer ultrasonography; the patient "
            "representative emphasised that such patients should be offered the choice."
        )
    ]
    S += [P("Implementation considerations", h3)]
    S += [
        P(
            "Primary care services without same-day access to CT may use ultrasonography or refer to an "
            "emergency department. Measurement of C-reactive protein and the white cell count remains part of "
            "routine assessment, but the panel did not issue a recommendation on specific laboratory "
            "thresholds. The panel did not address magnetic resonance imaging, for which evidence in the acute "
            "setting was insufficient."
        )
    ]

    # ---------- Section 4
    S += [P("4. Acute uncomplicated diverticulitis", h1)]
    S += rec(
        "4",
        "In immunocompetent adults with CT-confirmed acute uncomplicated diverticulitis, we suggest "
        "against the routine use of antibiotics; observation with analgesia and clinical follow-up is "
        "appropriate.",
        "conditional",
        "moderate",
    )
    S += rec("5", "In immunocompromised adults with acute uncomplicated diverticulitis, we recommend antibiotic therapy.", "strong", "low")
    S += rec(
        "6",
        "We suggest outpatient rather than inpatient management for adults with uncomplicated "
        "diverticulitis who can tolerate oral fluids, have adequate pain control and have no significant "
        "comorbidity or lack of home support.",
        "conditional",
        "low",
    )
    S += rec(
        "7a",
        "When antibiotics are used for uncomplicated diverticulitis, we suggest oral rather than "
        "intravenous administration in patients who tolerate oral intake.",
        "conditional",
        "low",
    )
    S += rec(
        "7b",
        "When antibiotics are used for uncomplicated diverticulitis, we suggest a short course of 4 to "
        "7 days rather than a course of 10 to 14 days.",
        "conditional",
        "moderate",
    )
    S += rec(
        "8",
        "We suggest against restricting patients with uncomplicated diverticulitis to a clear-liquid "
        "diet; diet may be advanced as tolerated.",
        "conditional",
        "very low",
    )
    S += rec(
        "9",
        "We suggest against the use of non-steroidal anti-inflammatory drugs (NSAIDs) for pain relief "
        "during an episode of acute diverticulitis; paracetamol is the preferred first-line "
        "analgesic.",
        "conditional",
        "very low",
    )
    S += gps(
        "GPS 2",
        "Patients with uncomplicated diverticulitis managed without admission should receive "
        "written advice on warning symptoms (worsening pain, fever, inability to tolerate fluids) and should "
        "have a clinical reassessment, in person or by telephone, within 7 days.",
    )
    S += [P("Summary of evidence", h3)]
    S += [
        P(
            "Three randomised trials (AVOD, DIABOLO and the Nordic STAND trial; 1 163 patients in total) "
            "compared observation with antibiotics in CT-confirmed uncomplicated diverticulitis [4–6]. Pooled "
            "analysis showed no important difference in time to recovery, complications (risk ratio 0.98, 95% "
            "CI 0.66–1.46), recurrence or need for surgery at 12 months, and a shorter hospital stay without "
            "antibiotics; the certainty was downgraded for imprecision. Immunocompromised patients were "
            "excluded from all trials; observational data indicate higher rates of perforation and "
            "death in this group [15]. Two trials of outpatient management (DINAMO and a Danish "
            "pragmatic trial) showed similar failure rates to inpatient care [16,17]. For antibiotic course "
            "length, one randomised trial of 4 versus 7 days and two trials of short versus long courses "
            "found no difference in treatment failure [18]. Evidence on diet and on NSAIDs is observational; "
            "a meta-analysis of cohort studies found NSAID use associated with perforated diverticulitis "
            "(odds ratio 2.6) [19]."
        )
    ]
    S += [P("Benefits and harms", h3)]
    S += [
        P(
            "Avoiding antibiotics reduces adverse drug reactions, <i>Clostridioides difficile</i> infection and "
            "antimicrobial resistance without apparent loss of efficacy. The small risk that a complicated "
            "course is missed is mitigated by CT staging and safety-netting (GPS 2). Outpatient care spares "
            "hospital resources and is preferred by most patients. In immunocompromised patients the panel "
            "judged that the potential harm of untreated infection clearly outweighed the harms of "
            "antibiotics, and made a strong recommendation despite low-certainty evidence."
        )
    ]
    S += [P("Values and preferences", h3)]
    S += [
        P(
            "Some patients, particularly those with severe pain or systemic symptoms, will prefer antibiotics "
            "after discussion; the conditional recommendation allows this. Patients with fever, raised "
            "inflammatory markers or significant comorbidity were under-represented in trials, and clinicians "
            "may reasonably prescribe antibiotics in these patients."
        )
    ]
    S += [P("Implementation considerations", h3)]
    S += [
        P(
            "The choice of antibiotic agent should follow local antimicrobial guidelines; the panel did not "
            "compare specific regimens and makes no recommendation on individual drugs or doses. Services "
            "should ensure that a telephone or face-to-face review is available within the week after "
            "diagnosis."
        )
    ]

    # ---------- Section 5
    S += [P("5. Complicated diverticulitis and emergency surgery", h1)]
    S += rec(
        "10a",
        "In adults with a diverticular abscess of 4 cm or larger in diameter, we suggest percutaneous "
        "image-guided drainage in addition to intravenous antibiotics, where the abscess is "
        "accessible.",
        "conditional",
        "low",
    )
    S += rec(
        "10b",
        "In adults with a diverticular abscess smaller than 4 cm in diameter, we suggest intravenous "
        "antibiotics alone rather than percutaneous drainage.",
        "conditional",
        "very low",
    )
    S += rec(
        "11",
        "In adults with perforated diverticulitis and purulent peritonitis (Hinchey III), we suggest "
        "against laparoscopic peritoneal lavage as definitive treatment; sigmoid resection is "
        "preferred.",
        "conditional",
        "moderate",
    )
    S += rec(
        "12",
        "In haemodynamically stable adults undergoing emergency resection for perforated "
        "diverticulitis with peritonitis, we suggest primary anastomosis, with or without a diverting "
        "ileostomy, rather than Hartmann's procedure.",
        "conditional",
        "low",
    )
    S += rec(
        "13",
        "In adults with faecal peritonitis (Hinchey IV), septic shock or haemodynamic instability, we "
        "recommend against primary anastomosis without a diverting stoma.",
        "strong",
        "low",
    )
    S += [P("Summary of evidence", h3)]
    S += [
        P(
            "No randomised trial has compared drainage with antibiotics alone. In a pooled analysis of 19 "
            "cohort studies (1 874 patients), antibiotics alone failed in 21% of abscesses smaller than 4 cm "
            "and in 42% of larger abscesses, whereas drainage of larger abscesses was followed by emergency "
            "surgery in 18% [20]. Three randomised trials (LOLA, DILALA, SCANDIV) compared laparoscopic lavage "
            "with resection in purulent peritonitis [8–10]; lavage avoided a stoma in most patients but was "
            "associated with more severe complications and reinterventions (risk ratio 1.9) and with missed "
            "carcinoma in 3–4%. Two randomised trials (DIVERTI and LADIES) and a meta-analysis of observational "
            "studies compared primary anastomosis with Hartmann's procedure in stable patients [11,21]; "
            "stoma-free survival at 12 months was higher after primary anastomosis with similar mortality. "
            "Patients in shock or with faecal peritonitis were largely excluded."
        )
    ]
    S += [P("Benefits and harms", h3)]
    S += [
        P(
            "Drainage of large abscesses reduces the need for emergency surgery; for small abscesses it adds "
            "procedural risk and is often technically impossible. Lavage avoids resection but the excess of "
            "reinterventions and missed cancers led the panel to favour resection. Primary anastomosis reduces "
            "the proportion of patients who remain with a permanent stoma, which is a major determinant of "
            "quality of life; in unstable or faecally contaminated patients, an anastomotic leak carries high "
            "mortality, which is why the recommendation against anastomosis without diversion is strong."
        )
    ]
    S += [P("Values and preferences", h3)]
    S += [
        P(
            "Patients value avoiding a permanent stoma highly. The panel judged that surgeons should discuss "
            "options with patients or their families wherever the emergency allows."
        )
    ]
    S += [P("Implementation considerations", h3)]
    S += [
        P(
            "Percutaneous drainage requires interventional radiology out of hours; centres without this service "
            "should agree transfer pathways. Primary anastomosis should be performed by surgeons with "
            "colorectal experience. The panel did not compare laparoscopic with open emergency resection, and "
            "makes no recommendation on colovesical or other fistulas, which were outside the scope of the "
            "systematic reviews."
        )
    ]

    # ---------- Section 6
    S += [P("6. Colonic evaluation after an episode", h1)]
    S += rec(
        "14",
        "In adults who have recovered from an episode of complicated diverticulitis, we recommend "
        "colonoscopy, usually 6 to 8 weeks after resolution, to exclude colorectal "
        "cancer.",
        "strong",
        "moderate",
    )
    S += rec(
        "15",
        "In adults recovering from CT-confirmed uncomplicated diverticulitis who have had a "
        "high-quality colonoscopy within the previous 3 years and who have no alarm features, we suggest "
        "against routine repeat colonoscopy.",
        "conditional",
        "low",
    )
    S += [P("Summary of evidence", h3)]
    S += [
        P(
            "A meta-analysis of 31 studies (50 445 patients) found colorectal cancer after CT-diagnosed "
            "diverticulitis in 7.9% of patients with complicated disease but in 1.3% after uncomplicated "
            "disease, a rate close to that of the screened population [22]. The risk was lowest in those "
            "with a recent normal colonoscopy [23]."
        )
    ]
    S += [P("Benefits and harms", h3)]
    S += [
        P(
            "For complicated disease, the cancer yield is high enough that the benefit clearly outweighs "
            "the risk of colonoscopy (perforation about 1 in 1 000 in this setting). After uncomplicated "
            "disease with a recent high-quality colonoscopy, the yield is low and the burden and risks of "
            "repeat colonoscopy are not justified. Patients without recent colonoscopy should follow national "
            "screening guidance or be investigated on clinical grounds; the panel made no separate "
            "recommendation for this group."
        )
    ]
    S += [P("Values and preferences; implementation", h3)]
    S += [
        P(
            "Alarm features include rectal bleeding, iron-deficiency anaemia, weight loss, a change in bowel "
            "habit and a family history of colorectal cancer. Endoscopy services should plan capacity for the "
            "6-to-8-week window after complicated episodes."
        )
    ]

    # ---------- Section 7
    S += [P("7. Prevention of recurrence", h1)]
    S += rec(
        "16",
        "We recommend against mesalamine (5-aminosalicylic acid) for the prevention of recurrent diverticulitis.",
        "strong",
        "moderate",
    )
    S += rec(
        "17",
        "We suggest against rifaximin, alone or combined with fibre, for the prevention of recurrent diverticulitis.",
        "conditional",
        "low",
    )
    S += rec("18", "We suggest against probiotics for the prevention of recurrent diverticulitis.", "conditional", "very low")
    S += rec(
        "19",
        "We suggest a diet high in fibre, or fibre supplementation, after recovery from acute diverticulitis.",
        "conditional",
        "very low",
    )
    S += rec(
        "20",
        "We suggest against advising patients with a history of diverticulitis to avoid nuts, seeds, corn or popcorn.",
        "conditional",
        "low",
    )
    S += [P("Summary of evidence", h3)]
    S += [
        P(
            "Seven randomised trials (3 220 patients) of mesalamine, including two large placebo-controlled "
            "trials (PREVENT1 and PREVENT2), showed no reduction in recurrence (risk ratio 0.97, 95% CI "
            "0.84–1.12) [24]. Two open-label trials of cyclic rifaximin with fibre suggested a reduction in "
            "recurrence but were at high risk of bias [25]. Trials of probiotics were small and "
            "heterogeneous [26]. Evidence for fibre comes from prospective cohorts in which higher fibre intake "
            "was associated with fewer episodes of diverticulitis [27]. A cohort of 47 228 men found no "
            "increased risk with consumption of nuts, corn or popcorn; higher nut and popcorn intake was "
            "associated with lower risk [28]."
        )
    ]
    S += [P("Benefits and harms", h3)]
    S += [
        P(
            "Mesalamine provides no benefit and has costs and adverse effects. The uncertain benefit of "
            "rifaximin does not justify long-term exposure to an antibiotic. Fibre is inexpensive and has "
            "other health benefits, although it may cause bloating. Advice to avoid seeds and nuts is "
            "unnecessary and restricts healthy foods."
        )
    ]
    S += [P("Values and preferences", h3)]
    S += [
        P(
            "Many patients are anxious about recurrence and ask what they can do themselves; the panel judged "
            "that honest advice about the lack of effective drug prophylaxis, combined with dietary advice, "
            "would be acceptable to most."
        )
    ]
    S += [P("Implementation considerations", h3)]
    S += [
        P(
            "Patient information leaflets that still advise avoiding seeds and nuts should be revised. The "
            "panel did not assess vitamin D, statins, physical activity or weight reduction, and makes no "
            "recommendation on these."
        )
    ]

    # ---------- Section 8
    S += [P("8. Elective surgery", h1)]
    S += rec(
        "21",
        "We recommend against elective sigmoid colectomy based solely on the number of previous episodes of diverticulitis.",
        "strong",
        "moderate",
    )
    S += rec(
        "22",
        "In adults with persistent symptoms (smouldering diverticulitis) or frequent recurrences that "
        "impair quality of life, we suggest offering elective laparoscopic sigmoid resection after shared "
        "decision-making.",
        "conditional",
        "moderate",
    )
    S += rec(
        "23",
        "In immunocompromised adults who have recovered from an episode of complicated diverticulitis, "
        "we suggest elective sigmoid resection.",
        "conditional",
        "very low",
    )
    S += gps(
        "GPS 3",
        "Before elective resection for diverticulitis, colorectal cancer should be excluded by "
        "colonoscopy or, if colonoscopy is incomplete, by CT colonography.",
    )
    S += [P("Summary of evidence", h3)]
    S += [
        P(
            "Population-based cohorts show that most recurrences are uncomplicated and that the risk of "
            "emergency surgery or stoma does not increase with the number of episodes [29]. Two randomised "
            "trials (DIRECT and LASER) showed that elective resection improved quality of life compared with "
            "conservative management in patients with persistent or recurrent symptoms, at the cost of "
            "surgical complications in 15–20% and anastomotic leak in 3–10% [7,30]. Evidence in "
            "immunocompromised patients is limited to retrospective series showing high mortality with "
            "recurrent complicated disease [31]."
        )
    ]
    S += [P("Benefits and harms", h3)]
    S += [
        P(
            "Resection guided by the number of episodes exposes patients to surgical risk without reducing "
            "the risk of perforation. In patients with persistent symptoms, better quality of life must be "
            "weighed against operative morbidity and the risk of continuing symptoms after surgery (up to "
            "25%)."
        )
    ]
    S += [P("Values and preferences", h3)]
    S += [
        P(
            "Preferences vary widely; some patients prioritise symptom relief, others avoiding an operation. "
            "Decision aids are recommended to support shared decision-making. The panel did not consider "
            "young age alone to be an indication for surgery."
        )
    ]
    S += [P("Implementation considerations", h3)]
    S += [
        P(
            "Elective resection should be performed laparoscopically in experienced centres. The panel did "
            "not compare robotic with laparoscopic surgery."
        )
    ]

    # ---------- Table 2
    S += [CondPageBreak(60 * mm)]
    S += [P("Table 2. Summary of recommendations", h2)]
    rows = [[P("<b>No.</b>", small), P("<b>Topic</b>", small), P("<b>Strength / certainty</b>", small)]]
    summ = [
        ("GPS 1", "Assess for sepsis/peritonitis; urgent surgical referral", "GPS"),
        ("1", "Contrast-enhanced CT to confirm and stage", "Strong / moderate"),
        ("2", "Ultrasonography as alternative first test", "Conditional / low"),
        ("3", "Against routine procalcitonin", "Conditional / very low"),
        ("4", "Against routine antibiotics (immunocompetent, uncomplicated)", "Conditional / moderate"),
        ("5", "Antibiotics if immunocompromised", "Strong / low"),
        ("6", "Outpatient management", "Conditional / low"),
        ("7a", "Oral rather than IV antibiotics", "Conditional / low"),
        ("7b", "4–7 days rather than 10–14 days", "Conditional / moderate"),
        ("8", "Against clear-liquid diet restriction", "Conditional / very low"),
        ("9", "Against NSAIDs for analgesia", "Conditional / very low"),
        ("GPS 2", "Safety-netting and review within 7 days", "GPS"),
        ("10a", "Abscess ≥4 cm: drainage plus antibiotics", "Conditional / low"),
        ("10b", "Abscess <4 cm: antibiotics alone", "Conditional / very low"),
        ("11", "Against laparoscopic lavage (Hinchey III)", "Conditional / moderate"),
        ("12", "Primary anastomosis over Hartmann's (stable)", "Conditional / low"),
        ("13", "Against anastomosis without stoma (Hinchey IV/unstable)", "Strong / low"),
        ("14", "Colonoscopy after complicated episode", "Strong / moderate"),
        ("15", "Against repeat colonoscopy (uncomplicated, recent scope)", "Conditional / low"),
        ("16", "Against mesalamine", "Strong / moderate"),
        ("17", "Against rifaximin", "Conditional / low"),
        ("18", "Against probiotics", "Conditional / very low"),
        ("19", "High-fibre diet / supplementation", "Conditional / very low"),
        ("20", "Against advice to avoid nuts, seeds, popcorn", "Conditional / low"),
        ("21", "Against colectomy based on number of episodes", "Strong / moderate"),
        ("22", "Elective resection for persistent/frequent symptoms", "Conditional / moderate"),
        ("23", "Elective resection if immunocompromised after complicated", "Conditional / very low"),
        ("GPS 3", "Exclude cancer before elective resection", "GPS"),
    ]
    for a, b, c in summ:
        rows.append([P(a, small), P(b, small), P(c, small)])
    t = Table(rows, colWidths=[10 * mm, None, 27 * mm], repeatRows=1)
    t.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.3, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), SHADE),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
            ]
        )
    )
    S += [t, Spacer(1, 6)]

    S += [P("9. Research priorities", h1)]
    S += [
        P(
            "The panel identified the following priorities: trials of antibiotics versus observation in "
            "patients with pericolic extraluminal air and in older adults with frailty; the role of drainage "
            "for abscesses of 3–5 cm; primary anastomosis in Hinchey IV disease; and non-surgical strategies to "
            "prevent recurrence."
        )
    ]
    S += [P("Acknowledgements", h2)]
    S += [
        P(
            "We thank the members of the NASGCS patient forum and the external reviewers. Funding: NASGCS "
            "core funds. The panel chair (IKH) and co-chair (TÓB) had final responsibility for the "
            "decision to submit."
        )
    ]

    S += [P("References", h1)]
    refs = [
        "Peery AF, Keku TO, Martin CF, et al. Distribution and characteristics of colonic diverticula. Clin Gastroenterol Hepatol. 2016;14:980–5.",
        "Strate LL, Morris AM. Epidemiology, pathophysiology, and treatment of diverticulitis. Gastroenterology. 2019;156:1282–98.",
        "Shahedi K, Fuller G, Bolus R, et al. Long-term risk of acute diverticulitis among patients with incidental diverticulosis. Clin Gastroenterol Hepatol. 2013;11:1609–13.",
        "Chabok A, Påhlman L, Hjern F, et al. Randomized clinical trial of antibiotics in acute uncomplicated diverticulitis. Br J Surg. 2012;99:532–9.",
        "Daniels L, Ünlü Ç, de Korte N, et al. Randomized clinical trial of observational versus antibiotic treatment for a first episode of CT-proven uncomplicated acute diverticulitis. Br J Surg. 2017;104:52–61.",
        "Lindahl KE, Sørbye M, Kvist HJ, et al. Observation versus antibiotics in uncomplicated diverticulitis: the STAND randomised trial. Scand Atl J Dig Med. 2022;11:45–54.",
        "van de Wall BJM, Stam MAW, Draaisma WA, et al. Surgery versus conservative management for recurrent and ongoing left-sided diverticulitis (DIRECT trial). Lancet Gastroenterol Hepatol. 2017;2:13–22.",
        "Vennix S, Musters GD, Mulder IM, et al. Laparoscopic peritoneal lavage or sigmoidectomy for perforated diverticulitis with purulent peritonitis. Lancet. 2015;386:1269–77.",
        "Angenete E, Thornell A, Burcharth J, et al. Laparoscopic lavage is feasible and safe for the treatment of perforated diverticulitis with purulent peritonitis. Ann Surg. 2016;263:117–22.",
        "Schultz JK, Yaqub S, Wallon C, et al. Laparoscopic lavage vs primary resection for acute perforated diverticulitis: the SCANDIV randomized clinical trial. JAMA. 2015;314:1364–75.",
        "Bridoux V, Regimbeau JM, Ouaissi M, et al. Hartmann's procedure or primary anastomosis for generalized peritonitis due to perforated diverticulitis. J Am Coll Surg. 2017;225:798–805.",
        "Andeweg CS, Wegdam JA, Groenewoud J, et al. Toward an evidence-based step-up approach in diagnosing diverticulitis. Scand J Gastroenterol. 2014;49:775–84.",
        "Toorenvliet BR, Bakker RF, Breslau PJ, et al. Colonic diverticulitis: a prospective analysis of diagnostic accuracy and clinical decision-making. Colorectal Dis. 2010;12:179–86.",
        "Halvorsen IK, Faris A. Procalcitonin in acute diverticulitis: a systematic review. Scand Atl J Dig Med. 2024;13:88–95.",
        "Biondo S, Trenti L, Elvira J, et al. Outcomes of colonic diverticulitis according to the reason of immunosuppression. Am J Surg. 2016;212:384–90.",
        "Biondo S, Golda T, Kreisler E, et al. Outpatient versus hospitalization management for uncomplicated diverticulitis (DIVER trial). Ann Surg. 2014;259:38–44.",
        "Mora-López L, Ruiz-Edo N, Estrada-Ferrer O, et al. Efficacy and safety of nonantibiotic outpatient treatment in mild acute diverticulitis (DINAMO-study). Ann Surg. 2021;274:e435–42.",
        "Schug-Pass C, Geers P, Hügel O, et al. Prospective randomized trial comparing short-term antibiotic therapy versus standard therapy for acute uncomplicated sigmoid diverticulitis. Int J Colorectal Dis. 2010;25:751–9.",
        "Kvasnovsky CL, Papagrigoriadis S, Bjarnason I. Increased diverticular complications with nonsteroidal anti-inflammatory drugs and other medications. Colorectal Dis. 2014;16:O189–96.",
        "Gregersen R, Mortensen LQ, Burcharth J, et al. Treatment of patients with acute colonic diverticulitis complicated by abscess formation: a systematic review. Int J Surg. 2016;35:201–8.",
        "Lambrichts DPV, Vennix S, Musters GD, et al. Hartmann's procedure versus sigmoidectomy with primary anastomosis for perforated diverticulitis with purulent or faecal peritonitis (LADIES). Lancet Gastroenterol Hepatol. 2019;4:599–610.",
        "Meyer J, Orci LA, Combescure C, et al. Risk of colorectal cancer in patients with acute diverticulitis: a systematic review and meta-analysis. Clin Gastroenterol Hepatol. 2019;17:1448–56.",
        "Ó Briain T, Brekke S, de Waal P. Yield of colonoscopy after CT-proven diverticulitis in a screened population. Scand Atl J Dig Med. 2023;12:301–8.",
        "Raman M, Ponich T, Lindqvist M, et al. Mesalamine for prevention of recurrent diverticulitis: updated systematic review. Scand Atl J Dig Med. 2024;13:150–9.",
        "Lanas A, Ponce J, Bignamini A, et al. One year intermittent rifaximin plus fibre supplementation vs fibre supplementation alone to prevent diverticulitis recurrence. Dig Liver Dis. 2013;45:104–9.",
        "Lahner E, Bellisario C, Hassan C, et al. Probiotics in the treatment of diverticular disease: a systematic review. J Gastrointestin Liver Dis. 2016;25:79–86.",
        "Crowe FL, Balkwill A, Cairns BJ, et al. Source of dietary fibre and diverticular disease incidence. Gut. 2014;63:1450–6.",
        "Strate LL, Liu YL, Syngal S, et al. Nut, corn, and popcorn consumption and the incidence of diverticular disease. JAMA. 2008;300:907–14.",
        "Eriksen J, McCartney H, Halvorsen IK. Recurrence and emergency surgery after non-operative management of diverticulitis: a Nordic registry study. Scand Atl J Dig Med. 2021;10:12–20.",
        "Santos A, Mentula P, Pinta T, et al. Comparing laparoscopic elective sigmoid resection with conservative treatment in improving quality of life of patients with diverticulitis (LASER). JAMA Surg. 2021;156:129–36.",
        "Brandl A, Kratzer T, Kafka-Ritsch R, et al. Diverticulitis in immunosuppressed patients: a fatal outcome requiring a new approach? Can J Surg. 2016;59:254–61.",
    ]
    for i, r in enumerate(refs, 1):
        S += [P(f"{i}. {r}", ref)]
    return S


def first_page():
    F = []
    F += [Paragraph(f"{JOURNAL} · Clinical Practice Guideline", ParagraphStyle("j", fontName="Sans", fontSize=8, textColor=TEAL))]
    F += [Spacer(1, 6)]
    F += [Paragraph(TITLE, ParagraphStyle("t", fontName="Serif-Bold", fontSize=16, leading=20, spaceAfter=10))]
    F += [
        Paragraph(
            "Ingrid K. Halvorsen<super>1</super>, Tomás Ó Briain<super>2</super>, Marit Lindqvist<super>3</super>, "
            "Abdelrahman Faris<super>4</super>, Sunniva Brekke<super>1</super>, Pieter de Waal<super>5</super>, "
            "Katla Sigurðardóttir<super>6</super>, Helen McCartney<super>7</super>, Jonas Eriksen<super>8</super>, "
            "on behalf of the NASGCS Diverticulitis Guideline Panel",
            ParagraphStyle("a", fontName="Sans", fontSize=9, leading=12, spaceAfter=6),
        )
    ]
    F += [
        Paragraph(
            "<super>1</super>Department of Gastroenterology, Haukeland University Hospital, Bergen, Norway; "
            "<super>2</super>Department of Colorectal Surgery, Galway University Hospital, Ireland; "
            "<super>3</super>Department of Surgery, Sahlgrenska University Hospital, Gothenburg, Sweden; "
            "<super>4</super>Department of Radiology, Odense University Hospital, Denmark; "
            "<super>5</super>Department of Gastroenterology, Leiden University Medical Centre, the Netherlands; "
            "<super>6</super>Landspítali University Hospital, Reykjavík, Iceland; "
            "<super>7</super>Patient representative, Diverticular Disease Support Network, Edinburgh, UK; "
            "<super>8</super>Bergen Centre for Evidence Synthesis, University of Bergen, Norway",
            ParagraphStyle("aff", fontName="Sans", fontSize=7, leading=9, textColor=colors.HexColor("#444444"), spaceAfter=8),
        )
    ]
    F += [
        Paragraph(
            "Received 20 December 2024 · Accepted 10 February 2025 · Published online 12 March 2025 · "
            f"{CITE} · doi:10.5555/sajdm.2025.0031",
            ParagraphStyle("d", fontName="Sans", fontSize=7.5, leading=9.5, spaceAfter=10),
        )
    ]
    ab = ParagraphStyle("ab", fontName="Serif", fontSize=9, leading=12.2, alignment=TA_JUSTIFY, spaceAfter=5)
    abh = ParagraphStyle("abh", fontName="Sans-Bold", fontSize=10, leading=13, textColor=TEAL, spaceAfter=4)
    box = [
        Paragraph("Abstract", abh),
        Paragraph(
            "<b>Background:</b> Acute diverticulitis of the left colon is a frequent cause of emergency "
            "attendance and hospital admission. Randomised trials published in the last decade have "
            "changed the management of both uncomplicated and perforated disease.",
            ab,
        ),
        Paragraph(
            "<b>Objective:</b> To provide evidence-based recommendations from the Nordic–Atlantic Society "
            "of Gastroenterology and Colorectal Surgery (NASGCS) on the diagnosis, acute treatment, "
            "colonic evaluation, prevention of recurrence and elective surgery of left-sided colonic "
            "diverticulitis in adults aged 18 years or older.",
            ab,
        ),
        Paragraph(
            "<b>Methods:</b> A multidisciplinary panel of 14 members, including a patient representative, "
            "formulated 21 questions. Systematic reviews were performed (searches to 31 May 2024) and the "
            "GRADE approach was used to assess the certainty of evidence and to develop recommendations.",
            ab,
        ),
        Paragraph(
            "<b>Results:</b> The panel issued 23 numbered recommendations (25 graded statements, two "
            "recommendations having separately graded parts) and 3 ungraded good practice statements. "
            "Six statements are strong and 19 conditional. Key recommendations include contrast-enhanced "
            "CT for diagnosis; avoiding routine antibiotics in immunocompetent patients with uncomplicated "
            "disease; percutaneous drainage for abscesses of 4 cm or larger; primary anastomosis rather "
            "than Hartmann's procedure in stable patients; colonoscopy after complicated episodes; "
            "no mesalamine for prevention; and no elective colectomy based solely on the number of "
            "episodes.",
            ab,
        ),
        Paragraph(
            "<b>Conclusions:</b> Most recommendations are conditional and based on low or very low "
            "certainty evidence, underlining the importance of shared decision-making.",
            ab,
        ),
        Paragraph(
            "<b>Keywords:</b> diverticulitis; colonic diverticular disease; GRADE; antibiotics; "
            "Hartmann's procedure; colonoscopy; practice guideline",
            ab,
        ),
    ]
    t = Table([[box]], colWidths=[None])
    t.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, -1), SHADE),
                ("LEFTPADDING", (0, 0), (-1, -1), 10),
                ("RIGHTPADDING", (0, 0), (-1, -1), 10),
                ("TOPPADDING", (0, 0), (-1, -1), 8),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
            ]
        )
    )
    F += [t, Spacer(1, 8)]
    F += [
        Paragraph(
            "Correspondence: Ingrid K. Halvorsen, guidelines@nasgcs.example.org. © 2025 Nordic–Atlantic "
            "Society of Gastroenterology and Colorectal Surgery. This guideline is intended to support, not "
            "replace, clinical judgement.",
            ParagraphStyle("c", fontName="Sans", fontSize=7, leading=9),
        )
    ]
    return F


def on_page(canvas, doc):
    canvas.saveState()
    w, h = A4
    canvas.setFont("Sans", 7)
    canvas.setFillColor(TEAL)
    if doc.page > 1:
        canvas.drawString(18 * mm, h - 12 * mm, "Halvorsen et al. · NASGCS guideline on left-sided diverticulitis")
        canvas.drawRightString(w - 18 * mm, h - 12 * mm, CITE)
        canvas.setStrokeColor(TEAL)
        canvas.setLineWidth(0.5)
        canvas.line(18 * mm, h - 13.5 * mm, w - 18 * mm, h - 13.5 * mm)
    canvas.setFillColor(colors.black)
    canvas.drawCentredString(w / 2, 10 * mm, str(200 + doc.page))
    canvas.restoreState()


def build(out):
    w, h = A4
    lm = rm = 18 * mm
    gap = 7 * mm
    doc = BaseDocTemplate(
        out,
        pagesize=A4,
        leftMargin=lm,
        rightMargin=rm,
        topMargin=18 * mm,
        bottomMargin=18 * mm,
        title=TITLE,
        author="Halvorsen IK, Ó Briain T, et al.; NASGCS",
        subject="NASGCS 2025 clinical practice guideline: left-sided colonic diverticulitis in adults",
        keywords="diverticulitis; GRADE; guideline",
    )
    fw = w - lm - rm
    first = Frame(lm, 18 * mm, fw, h - 36 * mm, id="first")
    cw = (fw - gap) / 2
    c1 = Frame(lm, 18 * mm, cw, h - 36 * mm, id="c1")
    c2 = Frame(lm + cw + gap, 18 * mm, cw, h - 36 * mm, id="c2")
    doc.addPageTemplates(
        [PageTemplate(id="first", frames=[first], onPage=on_page), PageTemplate(id="two", frames=[c1, c2], onPage=on_page)]
    )
    story = first_page() + [NextPageTemplate("two"), PageBreak()] + sections()
    doc.build(story)


if __name__ == "__main__":
    build(sys.argv[1] if len(sys.argv) > 1 else "guideline.pdf")
