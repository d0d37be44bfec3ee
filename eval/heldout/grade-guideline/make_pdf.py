#!/usr/bin/env python3
"""Build guideline.pdf: a fictional GRADE-format clinical practice guideline.

ICDC 2025 guideline on the prevention and management of delirium in
hospitalised adults (International Consortium for Delirium Care).

All content (panel, numbers, prose) is invented for testing purposes.

Usage:  python make_pdf.py            -> writes guideline.pdf next to this file
The module also exposes STATEMENTS (used by build_truth.py).
"""
import os
import sys

from reportlab.lib.colors import HexColor
from reportlab.lib.enums import TA_JUSTIFY, TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (BaseDocTemplate, Frame, PageTemplate, Paragraph,
                                Spacer, Table, TableStyle, FrameBreak,
                                NextPageTemplate, CondPageBreak)
from reportlab.pdfgen import canvas as rl_canvas

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "guideline.pdf")

FONT_DIR = "/usr/share/fonts/truetype/dejavu"
pdfmetrics.registerFont(TTFont("Serif", os.path.join(FONT_DIR, "DejaVuSerif.ttf")))
pdfmetrics.registerFont(TTFont("Serif-Bold", os.path.join(FONT_DIR, "DejaVuSerif-Bold.ttf")))
pdfmetrics.registerFont(TTFont("Serif-Italic", os.path.join(FONT_DIR, "DejaVuSerif-Italic.ttf")))
pdfmetrics.registerFont(TTFont("Serif-BoldItalic", os.path.join(FONT_DIR, "DejaVuSerif-BoldItalic.ttf")))
pdfmetrics.registerFont(TTFont("Sans", os.path.join(FONT_DIR, "DejaVuSans.ttf")))
pdfmetrics.registerFont(TTFont("Sans-Bold", os.path.join(FONT_DIR, "DejaVuSans-Bold.ttf")))
pdfmetrics.registerFontFamily("Serif", normal="Serif", bold="Serif-Bold",
                              italic="Serif-Italic", boldItalic="Serif-BoldItalic")
pdfmetrics.registerFontFamily("Sans", normal="Sans", bold="Sans-Bold",
                              italic="Sans", boldItalic="Sans-Bold")

TITLE = ("ICDC 2025 guideline on the prevention and management of delirium "
         "in hospitalised adults")
JOURNAL = "Journal of Hospital Geriatric Medicine"
CITATION = "J Hosp Geriatr Med. 2025;14(3):201–218"
DOI = "doi:10.5555/jhgm.2025.0142"

SYMBOLS = {"high": "⊕⊕⊕⊕", "moderate": "⊕⊕⊕◯", "low": "⊕⊕◯◯", "very_low": "⊕◯◯◯"}
CERT_WORDS = {"high": "high", "moderate": "moderate", "low": "low", "very_low": "very low"}


def grading(strength, certainty):
    return "%s recommendation, %s certainty in the evidence of effects %s" % (
        strength, CERT_WORDS[certainty], SYMBOLS[certainty])


# ---------------------------------------------------------------------------
# Statements.  body = statement without grading; full text adds grading.
# ---------------------------------------------------------------------------
STATEMENTS = [
    dict(number=1, part=None, section="A", heading="Multicomponent non-pharmacological prevention",
         body="In hospitalised adults aged 65 years or older who are at risk of delirium, the panel "
              "recommends a multicomponent non-pharmacological prevention programme over usual care",
         direction="for", strength="strong", certainty="moderate", kind="recommendation",
         population="Hospitalised adults aged 65 years or older at risk of delirium",
         intervention="Multicomponent non-pharmacological delirium prevention programme",
         comparator="Usual care"),
    dict(number=2, part=None, section="A", heading="Prophylactic haloperidol",
         body="In hospitalised adults aged 65 years or older who are at risk of delirium, the panel "
              "recommends against prophylactic haloperidol over no prophylactic antipsychotic treatment",
         direction="against", strength="strong", certainty="high", kind="recommendation",
         population="Hospitalised adults aged 65 years or older at risk of delirium",
         intervention="Prophylactic haloperidol",
         comparator="No prophylactic antipsychotic treatment"),
    dict(number=3, part=None, section="A", heading="Melatonin and melatonin-receptor agonists for prevention",
         body="In hospitalised adults aged 65 years or older who are at risk of delirium, the panel "
              "suggests against melatonin or melatonin-receptor agonists for the prevention of delirium "
              "over no melatonin",
         direction="against", strength="conditional", certainty="low", kind="recommendation",
         population="Hospitalised adults aged 65 years or older at risk of delirium",
         intervention="Melatonin or melatonin-receptor agonists (e.g. ramelteon) for delirium prevention",
         comparator="No melatonin"),
    dict(number=4, part=None, section="B", heading="Processed EEG-guided anaesthesia",
         body="In adults aged 65 years or older undergoing major elective surgery under general "
              "anaesthesia, the panel suggests processed electroencephalography (EEG)-guided titration "
              "of anaesthetic depth over standard anaesthetic monitoring alone",
         direction="for", strength="conditional", certainty="moderate", kind="recommendation",
         population="Adults aged 65 years or older undergoing major elective surgery under general anaesthesia",
         intervention="Processed EEG-guided titration of anaesthetic depth",
         comparator="Standard anaesthetic monitoring alone"),
    dict(number=5, part=None, section="B", heading="Perioperative dexmedetomidine",
         body="In adults aged 65 years or older undergoing major non-cardiac surgery, the panel suggests "
              "perioperative dexmedetomidine over no dexmedetomidine for the prevention of postoperative "
              "delirium",
         direction="for", strength="conditional", certainty="low", kind="recommendation",
         population="Adults aged 65 years or older undergoing major non-cardiac surgery",
         intervention="Perioperative (intraoperative and/or postoperative) dexmedetomidine",
         comparator="No dexmedetomidine"),
    dict(number=6, part="a", section="B", heading="Analgesia in hip fracture",
         body="In adults aged 65 years or older admitted with a hip fracture, the panel suggests a fascia "
              "iliaca compartment block at the time of admission in addition to systemic analgesia over "
              "systemic analgesia alone",
         direction="for", strength="conditional", certainty="moderate", kind="recommendation",
         population="Adults aged 65 years or older admitted with a hip fracture",
         intervention="Fascia iliaca compartment block on admission plus systemic analgesia",
         comparator="Systemic analgesia alone"),
    dict(number=6, part="b", section="B", heading=None,
         body="In adults aged 65 years or older admitted with a hip fracture, the panel recommends against "
              "pethidine (meperidine) for perioperative analgesia over other opioid analgesics",
         direction="against", strength="strong", certainty="low", kind="recommendation",
         population="Adults aged 65 years or older admitted with a hip fracture",
         intervention="Pethidine (meperidine) for perioperative analgesia",
         comparator="Other opioid analgesics"),
    dict(number=7, part=None, section="C", heading="Routine assessment for delirium",
         body="All adults aged 65 years or older admitted to hospital should be assessed for delirium on "
              "admission and at least once daily thereafter with a brief validated instrument, such as the "
              "4AT on general wards or the Confusion Assessment Method for the Intensive Care Unit "
              "(CAM-ICU) in critical care",
         direction="for", strength="n/a", certainty="n/a", kind="good_practice_statement",
         population="All adults aged 65 years or older admitted to hospital",
         intervention="Assessment for delirium on admission and at least daily with a brief validated "
                      "instrument (4AT on wards, CAM-ICU in critical care)",
         comparator="No routine structured assessment"),
    dict(number=8, part=None, section="D", heading="Benzodiazepines for treatment of delirium",
         body="In hospitalised older adults with delirium who are not withdrawing from alcohol or "
              "benzodiazepines, the panel recommends against benzodiazepines for the treatment of delirium "
              "over no benzodiazepine",
         direction="against", strength="strong", certainty="low", kind="recommendation",
         population="Hospitalised older adults with delirium not due to alcohol or benzodiazepine withdrawal",
         intervention="Benzodiazepines for the treatment of delirium",
         comparator="No benzodiazepine"),
    dict(number=9, part=None, section="D", heading="Routine antipsychotic treatment",
         body="In hospitalised older adults with delirium, the panel suggests against the routine use of "
              "antipsychotic medication (haloperidol or a second-generation antipsychotic) for the "
              "treatment of delirium over no antipsychotic",
         direction="against", strength="conditional", certainty="moderate", kind="recommendation",
         population="Hospitalised older adults with delirium",
         intervention="Routine antipsychotic medication (haloperidol or a second-generation antipsychotic)",
         comparator="No antipsychotic"),
    dict(number=10, part=None, section="D", heading="Severe agitation",
         body="In hospitalised older adults with delirium and severe agitation that poses a risk of harm "
              "to themselves or others despite non-pharmacological measures, the panel suggests "
              "short-term, low-dose haloperidol over no pharmacological treatment",
         direction="for", strength="conditional", certainty="very_low", kind="recommendation",
         population="Hospitalised older adults with delirium and severe, dangerous agitation despite "
                    "non-pharmacological measures",
         intervention="Short-term, low-dose haloperidol",
         comparator="No pharmacological treatment"),
    dict(number=11, part=None, section="D", heading="Parkinson disease and dementia with Lewy bodies",
         body="In hospitalised older adults with Parkinson disease or dementia with Lewy bodies who develop "
              "delirium, the panel recommends against haloperidol and other first-generation "
              "antipsychotics",
         direction="against", strength="strong", certainty="very_low", kind="recommendation",
         population="Hospitalised older adults with Parkinson disease or dementia with Lewy bodies who "
                    "develop delirium",
         intervention="Haloperidol and other first-generation antipsychotics",
         comparator="No first-generation antipsychotic"),
    dict(number=12, part=None, section="D", heading="Physical restraint",
         body="In hospitalised older adults with delirium, the panel recommends no physical restraint for "
              "the management of agitation or the prevention of falls, in favour of non-restrictive "
              "strategies such as one-to-one observation",
         direction="against", strength="strong", certainty="low", kind="recommendation",
         population="Hospitalised older adults with delirium",
         intervention="Physical restraint for agitation or fall prevention",
         comparator="Non-restrictive strategies such as one-to-one observation"),
    dict(number=13, part=None, section="D", heading="Cholinesterase inhibitors",
         body="In hospitalised older adults with delirium, the panel recommends against starting a "
              "cholinesterase inhibitor for the treatment of delirium over no cholinesterase inhibitor",
         direction="against", strength="strong", certainty="moderate", kind="recommendation",
         population="Hospitalised older adults with delirium",
         intervention="Starting a cholinesterase inhibitor (e.g. rivastigmine, donepezil)",
         comparator="No cholinesterase inhibitor"),
    dict(number=14, part=None, section="D", heading="Family involvement",
         body="In hospitalised older adults with delirium, the panel suggests a family involvement "
              "programme, including structured education of family members and flexible visiting hours, "
              "over usual visiting arrangements",
         direction="for", strength="conditional", certainty="low", kind="recommendation",
         population="Hospitalised older adults with delirium",
         intervention="Family involvement programme (family education, flexible visiting hours)",
         comparator="Usual visiting arrangements"),
    dict(number=15, part=None, section="E", heading="Choice of sedative during mechanical ventilation",
         body="In critically ill adults receiving invasive mechanical ventilation who require continuous "
              "sedation, the panel suggests dexmedetomidine over benzodiazepine-based sedation",
         direction="for", strength="conditional", certainty="high", kind="recommendation",
         population="Critically ill adults receiving invasive mechanical ventilation who require "
                    "continuous sedation",
         intervention="Dexmedetomidine",
         comparator="Benzodiazepine-based sedation (midazolam or lorazepam)"),
    dict(number=16, part=None, section="E", heading="Paired awakening and breathing trials",
         body="In critically ill adults receiving invasive mechanical ventilation, the panel recommends "
              "protocolised daily interruption of sedation coordinated with a spontaneous breathing trial "
              "over sedation without a daily interruption protocol",
         direction="for", strength="strong", certainty="moderate", kind="recommendation",
         population="Critically ill adults receiving invasive mechanical ventilation",
         intervention="Protocolised daily sedation interruption coordinated with a spontaneous breathing trial",
         comparator="Sedation without a daily interruption protocol"),
    dict(number=17, part=None, section="E", heading="Sleep promotion in critical care",
         body="In critically ill adults, the panel suggests a night-time sleep-promotion bundle, including "
              "earplugs, eye masks and reduction of noise and light, over no structured sleep-promotion "
              "measures",
         direction="for", strength="conditional", certainty="low", kind="recommendation",
         population="Critically ill adults",
         intervention="Night-time sleep-promotion bundle (earplugs, eye masks, noise and light reduction)",
         comparator="No structured sleep-promotion measures"),
    dict(number=18, part=None, section="F", heading="Follow-up after discharge",
         body="In older adults who experienced delirium during a hospital admission, the panel suggests a "
              "structured cognitive follow-up assessment within 3 months of discharge over no scheduled "
              "follow-up",
         direction="for", strength="conditional", certainty="very_low", kind="recommendation",
         population="Older adults who experienced delirium during a hospital admission",
         intervention="Structured cognitive follow-up assessment within 3 months of discharge",
         comparator="No scheduled follow-up"),
]


def full_text(s):
    if s["kind"] == "good_practice_statement":
        return s["body"] + "."
    return "%s (%s)." % (s["body"], grading(s["strength"], s["certainty"]))


def label(s):
    n = "%d%s" % (s["number"], s["part"] or "")
    if s["kind"] == "good_practice_statement":
        return "Recommendation %s (good practice statement):" % n
    return "Recommendation %s:" % n


def sid(s):
    return "GL-%d%s" % (s["number"], s["part"] or "")


SECTIONS = {
    "A": "3.1 Prevention of delirium in hospitalised older adults",
    "B": "3.2 Prevention of delirium around surgery",
    "C": "3.3 Detection of delirium",
    "D": "3.4 Treatment of established delirium",
    "E": "3.5 Delirium in critical care",
    "F": "3.6 Care after discharge",
}

# ---------------------------------------------------------------------------
# Discussion prose, keyed by recommendation number.
# ---------------------------------------------------------------------------
DISCUSSION = {
1: dict(
evidence="The panel's systematic review identified 21 randomised and cluster-randomised trials "
"(n = 6,915) comparing multicomponent non-pharmacological prevention programmes with usual care on "
"medical and surgical wards. Programmes typically combined at least three of the following components: "
"regular reorientation and cognitive stimulation, early and repeated mobilisation, protection of "
"night-time sleep, attention to hydration and nutrition, provision of spectacles and hearing aids, and "
"a review of medications known to precipitate delirium. Most trials were conducted in general medical "
"and orthogeriatric units, and few enrolled patients with advanced dementia. The certainty of the "
"evidence was rated down once for risk of bias, because outcome assessors were not blinded to group "
"allocation in several of the cluster trials.",
benefits="Multicomponent programmes reduced incident delirium (relative risk [RR] 0.58; 95% "
"confidence interval [CI] 0.49 to 0.69), corresponding to approximately 80 fewer cases per 1,000 "
"patients at a baseline risk of 19%. In-hospital falls were also reduced (RR 0.66; 95% CI 0.48 to "
"0.91), whereas the effects on in-hospital mortality and length of stay were imprecise. No trial "
"reported clinically important harms attributable to the programmes. The panel judged the desirable "
"effects to be moderate and the undesirable effects to be trivial.",
other="Implementation requires trained staff or volunteers, protected time and visible organisational "
"commitment, and the resources needed vary across settings. Economic evaluations from three health "
"systems suggested that programmes were cost-saving or cost-neutral once reductions in length of stay "
"and post-discharge care were taken into account. The patient representatives on the panel placed a "
"high value on interventions that avoid additional medication. The strong recommendation reflects the "
"panel's confidence that almost all well-informed patients would choose to receive such a programme."),
2: dict(
evidence="Fourteen randomised trials (n = 5,402) evaluated prophylactic haloperidol, given orally or "
"intravenously at total daily doses of 0.5 to 3 mg, in older medical and surgical inpatients at risk "
"of delirium. Most trials were at low risk of bias, and results were consistent and precise for the "
"outcomes the panel rated as critical; the certainty of the evidence was therefore rated as high. The "
"evidence profile is summarised in Table 2.",
benefits="Prophylactic haloperidol did not reduce the incidence of delirium, the duration of "
"delirium or the length of hospital stay, and it had no effect on mortality at 28 days. Pooled data "
"showed a small but consistent increase in extrapyramidal symptoms and in QTc prolongation, and "
"several trials reported more excessive sedation in the haloperidol groups. Given the absence of "
"benefit on any critical outcome and the presence of plausible harms, the panel judged that the "
"balance of effects clearly favours no prophylaxis.",
other="Prophylactic antipsychotic use remains common in some perioperative pathways, and a strong "
"recommendation against it has implications for order sets and surgical care protocols. This "
"recommendation does not address patients who already take an antipsychotic for a pre-existing "
"psychiatric indication; in these patients the usual medication should generally be continued during "
"admission."),
3: dict(
evidence="Nine randomised trials (n = 1,744) compared melatonin (0.5 to 5 mg at night) or the "
"melatonin-receptor agonist ramelteon with placebo or no treatment in older inpatients. The trials "
"were small, differed in dose, timing and population, and two were stopped early for slow "
"recruitment. The certainty of the evidence was rated down for inconsistency and for imprecision.",
benefits="The pooled estimate suggested a possible reduction in incident delirium (RR 0.79; 95% CI "
"0.55 to 1.13), but the confidence interval included both an important benefit and no effect, and the "
"largest trial at low risk of bias found no benefit. No effect was shown on length of stay, falls or "
"mortality. Adverse events were infrequent, although daytime drowsiness was reported in two trials.",
other="Although melatonin is inexpensive and generally well tolerated, the panel was concerned that "
"routine prescribing could divert attention and resources from multicomponent prevention, for which "
"the evidence of benefit is considerably stronger. A patient who already takes melatonin for a chronic "
"sleep disorder may reasonably continue it during admission. Adequately powered trials with "
"standardised dosing are a research priority."),
4: dict(
evidence="Eleven randomised trials (n = 5,960) in adults aged 65 years or older undergoing major "
"cardiac or non-cardiac surgery compared titration of anaesthetic agents guided by a processed EEG "
"index, such as the bispectral index, with standard monitoring. The certainty of the evidence was "
"rated down once for inconsistency, because the two largest trials reached different conclusions.",
benefits="Processed EEG guidance reduced postoperative delirium (RR 0.80; 95% CI 0.66 to 0.97) and "
"reduced the total dose of volatile and intravenous anaesthetic agents. There was no important "
"difference in mortality or in postoperative cognitive dysfunction at 3 months. Intraoperative "
"awareness was not more frequent, and no other harms were identified.",
other="Processed EEG monitors and disposable sensors add cost and are not available in every "
"operating theatre. The panel judged the cost to be modest relative to the cost of a case of "
"delirium in high-income settings, but recognised that the balance of resource use may differ "
"elsewhere. Anaesthetists may need training to interpret EEG indices, including the recognition of "
"burst suppression. The recommendation is conditional because the absolute benefit is modest and "
"availability is variable."),
5: dict(
evidence="Eighteen randomised trials (n = 4,388) evaluated dexmedetomidine given intraoperatively, "
"postoperatively or both in older adults undergoing major non-cardiac surgery. Doses and timing varied "
"substantially between trials, and allocation concealment was unclear in many. The certainty of the "
"evidence was rated down for risk of bias and for inconsistency.",
benefits="Dexmedetomidine may reduce postoperative delirium (RR 0.62; 95% CI 0.48 to 0.81), although "
"the effect was smaller when the analysis was restricted to trials at low risk of bias. Bradycardia "
"(RR 1.78) and hypotension (RR 1.36) were more frequent with dexmedetomidine, and many episodes "
"required treatment with fluids or vasopressors. No effect on mortality was shown.",
other="Dexmedetomidine requires continuous haemodynamic monitoring, which may limit its use outside "
"the operating theatre and the post-anaesthesia care unit. Patients with pre-existing bradyarrhythmia, "
"heart block or haemodynamic instability were excluded from most trials, and the panel cautions "
"against extrapolating the findings to these groups. Cardiac surgery was considered separately and "
"is not covered by this recommendation."),
6: dict(
evidence="For recommendation 6a, seven randomised trials (n = 1,126) compared a fascia iliaca "
"compartment block delivered in the emergency department or on the ward at admission with systemic "
"analgesia alone; the certainty was rated down once for imprecision. For recommendation 6b, no "
"randomised trials were identified. The evidence comprised four observational studies (n = 3,210) "
"comparing pethidine with other opioids in older surgical patients, together with pharmacological "
"data on the accumulation of its neurotoxic metabolite norpethidine; the certainty was low.",
benefits="The fascia iliaca block reduced preoperative delirium (RR 0.67; 95% CI 0.47 to 0.96), "
"reduced pain scores on movement and lowered opioid consumption before surgery. Local anaesthetic "
"systemic toxicity and nerve injury were rare. Pethidine was associated with higher odds of "
"postoperative delirium than other opioids (adjusted odds ratio 2.1; 95% CI 1.4 to 3.2), consistent "
"with the known toxicity of norpethidine, particularly in patients with reduced renal function.",
other="Regional blocks require trained personnel who are available outside normal working hours; "
"the panel considered training emergency physicians and advanced nurse practitioners to be feasible. "
"The strong recommendation against pethidine, despite low certainty evidence, reflects the "
"availability of safer and equally effective alternatives and the seriousness of the potential harm. "
"This corresponds to one of the situations in which the GRADE approach supports a strong "
"recommendation based on low certainty evidence."),
7: dict(
evidence="The panel did not undertake a formal systematic review for this statement, because it "
"judged the net benefit of routine assessment to be large and unequivocal and a formal review to be a "
"poor use of resources. Indirect evidence from diagnostic accuracy studies indicates that brief "
"instruments such as the 4AT have sensitivity and specificity above 85% in older inpatients, and that "
"delirium goes unrecognised in more than half of affected patients when no structured tool is used.",
benefits="Detection of delirium is a prerequisite for every other recommendation in this guideline. "
"Assessment takes less than 2 minutes and carries no direct risk. The panel acknowledged that a "
"false-positive result could lead to unnecessary investigation, but judged this to be outweighed by "
"the benefit of earlier identification of reversible precipitants.",
other="Each assessment should be documented and linked to a response pathway that includes a search "
"for precipitating causes such as infection, dehydration, urinary retention, constipation, pain and "
"medication. In critically ill patients who cannot communicate verbally, the CAM-ICU or the Intensive "
"Care Delirium Screening Checklist is preferred."),
8: dict(
evidence="No randomised trial directly compared benzodiazepines with placebo for the treatment of "
"delirium in older inpatients who were not withdrawing from alcohol or sedatives. Indirect evidence "
"came from two small randomised trials of lorazepam versus antipsychotics (n = 168) and from "
"observational studies showing a dose-dependent association between benzodiazepine exposure and "
"transition to delirium in hospitalised and critically ill adults. The certainty of the evidence was "
"rated as low because of indirectness and imprecision.",
benefits="The panel found no convincing evidence that benzodiazepines shorten delirium or improve any "
"critical outcome in this population. In the available trials, lorazepam was associated with "
"worsening confusion, and one trial was stopped early because of excessive sedation. Observational "
"data also link benzodiazepine use in older adults with falls, hip fracture and respiratory "
"depression.",
other="The panel made a strong recommendation despite low certainty evidence because the potential "
"harms are serious and alternative strategies exist. Delirium related to alcohol or benzodiazepine "
"withdrawal was outside the scope of this guideline and is not addressed by this recommendation. "
"Abrupt discontinuation of long-term benzodiazepine therapy can itself precipitate withdrawal and "
"should be avoided."),
9: dict(
evidence="Sixteen randomised trials (n = 2,920) compared haloperidol or a second-generation "
"antipsychotic (quetiapine, olanzapine or risperidone) with placebo or usual care for the treatment of "
"established delirium in hospitalised adults, most of whom were older than 65 years. The certainty of "
"the evidence was rated down once for indirectness, because several trials also enrolled younger "
"patients and patients in critical care.",
benefits="Antipsychotics did not shorten the duration of delirium (mean difference −0.3 days; 95% CI "
"−0.9 to 0.3) or reduce its severity, the length of stay or mortality. Sedation, extrapyramidal effects "
"and QTc prolongation were more common with treatment. In patients with dementia, antipsychotic use has "
"been associated with an increased risk of stroke and death in longer-term studies.",
other="The recommendation is conditional because the panel recognised that some patients experience "
"frightening hallucinations or delusions, and that their values and preferences may favour a trial of "
"symptom relief. When an antipsychotic is started, the indication, dose and planned review date should "
"be documented, and the drug should be stopped as soon as it is no longer needed."),
10: dict(
evidence="Evidence specific to patients with severe, dangerous agitation was very limited. One small "
"randomised trial (n = 96) compared low-dose haloperidol with placebo as rescue treatment for agitation "
"in delirium, and this was supplemented by indirect evidence from the trials informing recommendation "
"9. The certainty of the evidence was rated as very low because of very serious imprecision, risk of "
"bias and indirectness.",
benefits="Haloperidol may reduce the need for rescue sedation and the number of staff-reported "
"episodes of dangerous behaviour, but the evidence is very uncertain. Harms include excessive "
"sedation, extrapyramidal symptoms and QTc prolongation, and a baseline electrocardiogram is advisable "
"when it can be obtained without delay. The panel judged that, when there is an imminent risk of harm, "
"a short course of haloperidol at the lowest effective dose is probably preferable to uncontrolled "
"agitation or to physical restraint.",
other="Treatment should be reviewed at least every 24 hours and stopped once the agitation has "
"resolved, which usually occurs within 1 to 3 days. This recommendation does not apply to patients "
"with Parkinson disease or dementia with Lewy bodies (see recommendation 11). Non-pharmacological "
"de-escalation, a search for precipitants such as pain or urinary retention, and the involvement of "
"family members should always precede and accompany drug treatment."),
11: dict(
evidence="No randomised trials have evaluated antipsychotics for delirium in patients with Parkinson "
"disease or dementia with Lewy bodies. The panel relied on case series, pharmacovigilance reports and "
"indirect evidence from patients with these conditions treated for psychosis outside the context of "
"delirium, in whom first-generation antipsychotics were associated with severe sensitivity reactions. "
"The certainty of the evidence was very low.",
benefits="Reported harms include marked worsening of parkinsonism, immobility, neuroleptic malignant "
"syndrome, falls and death; in one historical cohort, around half of the patients with dementia with "
"Lewy bodies who received a first-generation antipsychotic had a severe sensitivity reaction. No "
"benefit specific to this population has been demonstrated.",
other="Although the evidence is of very low certainty, the panel judged that the potential for "
"catastrophic harm justifies a strong recommendation. If pharmacological treatment of severe distress "
"is unavoidable, advice should be sought from a specialist in movement disorders or old age "
"psychiatry. Regular dopaminergic medication should not be interrupted during admission, because "
"withdrawal may itself precipitate delirium."),
12: dict(
evidence="No randomised trials compared physical restraint with non-restrictive alternatives in "
"delirious inpatients. The evidence came from 12 observational studies (n = 9,870) in acute care "
"settings, which consistently associated physical restraint with a longer duration of delirium, more "
"falls with injury, pressure injuries and higher mortality, although residual confounding is likely. "
"The certainty of the evidence was rated as low.",
benefits="Restraints were not shown to prevent falls or the removal of medical devices, and in several "
"studies restrained patients were more likely to fall and to sustain an injury. Restraint can cause "
"distress, asphyxia and death, and patients who remember being restrained describe lasting "
"psychological harm.",
other="Adequate staffing for one-to-one observation is a prerequisite for implementing this "
"recommendation, and organisational policies may need to be revised. The recommendation does not "
"apply to brief holding that is necessary to deliver urgent life-saving treatment. The panel "
"considered bed rails used to confine a patient, lap belts and hand mittens to be forms of physical "
"restraint."),
13: dict(
evidence="Four randomised trials (n = 746) evaluated cholinesterase inhibitors (rivastigmine or "
"donepezil) for the treatment of delirium in hospitalised adults. The largest trial was stopped early "
"because of higher mortality in the intervention group. The certainty of the evidence was rated down "
"once for imprecision.",
benefits="Cholinesterase inhibitors did not reduce the duration or severity of delirium. Mortality was "
"higher with treatment (RR 2.19; 95% CI 1.06 to 4.52), and gastrointestinal adverse effects, including "
"nausea, vomiting and diarrhoea, were frequent.",
other="The recommendation concerns starting a cholinesterase inhibitor as a treatment for delirium. It "
"does not apply to patients with dementia who were already taking one before admission; in these "
"patients abrupt discontinuation should be avoided."),
14: dict(
evidence="Six randomised and quasi-randomised trials (n = 1,287) evaluated programmes that involved "
"family members in the care of older inpatients with delirium, usually combining education about "
"delirium, guidance on reorientation and extended or unrestricted visiting. The certainty of the "
"evidence was rated down for risk of bias, because blinding was not possible, and for imprecision.",
benefits="Family involvement may shorten the duration of delirium (mean difference −1.1 days; 95% CI "
"−2.0 to −0.2) and may improve family satisfaction with care, whereas effects on delirium severity were "
"imprecise. No harms to patients were identified, although some relatives reported an increased sense "
"of caregiver burden.",
other="Participation should be voluntary, and relatives should be supported rather than expected to "
"replace professional care. Infection prevention policies may restrict visiting during outbreaks; in "
"such circumstances the panel considered video calls a reasonable alternative. Programmes should be "
"adapted to local cultural expectations about the role of the family."),
15: dict(
evidence="Nine randomised trials (n = 2,610) compared dexmedetomidine with midazolam or lorazepam for "
"continuous sedation in mechanically ventilated adults. Most trials were at low risk of bias, and the "
"results were consistent and precise, so the certainty of the evidence was high. The panel did not "
"address the comparison of dexmedetomidine with propofol in this guideline.",
benefits="Dexmedetomidine reduced the prevalence of delirium (RR 0.71; 95% CI 0.61 to 0.83) and the "
"duration of mechanical ventilation (mean difference −1.2 days), with no difference in mortality. "
"Bradycardia was more frequent (RR 2.05; 95% CI 1.47 to 2.86) but rarely required discontinuation of "
"the infusion.",
other="Despite high certainty evidence, the recommendation is conditional because of higher "
"acquisition costs, variable availability and the fact that dexmedetomidine may not achieve deep "
"sedation when this is clinically required, for example during neuromuscular blockade. Many patients "
"do not need continuous sedation at all, and light sedation targets should be used whenever possible."),
16: dict(
evidence="Seven randomised trials (n = 1,934) compared protocols that paired a daily interruption of "
"sedation with a spontaneous breathing trial against usual sedation practice. The certainty of the "
"evidence was rated down once for risk of bias, because blinding was not feasible.",
benefits="Coordinated awakening and breathing trials reduced the duration of mechanical ventilation "
"(mean difference −2.4 days; 95% CI −3.8 to −1.0) and the length of stay in intensive care, and the "
"largest trial reported lower mortality at 1 year. The duration of delirium was shortened in some but "
"not all trials. Self-extubation was more frequent during awakening trials, although reintubation "
"rates did not differ.",
other="Implementation requires nursing and respiratory therapy protocols with explicit safety screens "
"that exclude, for example, patients with active seizures, escalating sedative requirements for "
"agitation, neuromuscular blockade, myocardial ischaemia or raised intracranial pressure. The panel "
"considered the intervention to be inexpensive and feasible in most intensive care units."),
17: dict(
evidence="Eight studies, including five randomised trials and three before-and-after studies "
"(n = 1,512 in total), evaluated night-time sleep-promotion bundles in intensive care units. Bundles "
"varied but usually included earplugs, eye masks, dimmed lighting, alarm volume reduction and the "
"clustering of nursing care. The certainty of the evidence was rated down for risk of bias and for "
"inconsistency.",
benefits="Sleep-promotion bundles may reduce incident delirium (RR 0.69; 95% CI 0.50 to 0.95) and "
"improve patient-reported sleep quality. Some patients found earplugs or eye masks uncomfortable and "
"removed them, but no serious harms were reported.",
other="Bundles are inexpensive, but they depend on staff engagement and on changes to routine "
"night-time care, such as the timing of blood sampling and imaging. Earplugs and eye masks should be "
"offered rather than imposed. The panel did not make a recommendation on pharmacological sleep aids "
"in critical care."),
18: dict(
evidence="No randomised trial has evaluated structured cognitive follow-up after an episode of "
"delirium. The panel considered two small pilot studies and cohort data showing that delirium is "
"associated with a subsequent increase in the incidence of dementia and a faster decline in cognitive "
"function. The certainty of the evidence was very low.",
benefits="Structured follow-up may allow earlier recognition of new or worsening cognitive impairment "
"and earlier support for patients and carers. Harms were considered small, although an additional "
"appointment may cause anxiety and may be burdensome for patients with limited mobility.",
other="Follow-up may be delivered in primary care, in a geriatric clinic or by a memory service, "
"depending on local arrangements. To make this possible, the discharge summary should explicitly "
"record the occurrence of delirium. The panel noted that access to memory services is unequal and "
"that implementation should take account of equity."),
}

ABSTRACT = [
("Background:", "Delirium is an acute disturbance of attention and awareness that affects up to one in "
"four older adults admitted to hospital and up to two thirds of critically ill patients receiving "
"mechanical ventilation. It is associated with longer hospital stays, new admission to long-term care, "
"accelerated cognitive decline and death, yet prevention and management vary widely between hospitals."),
("Objective:", "These evidence-based guidelines of the International Consortium for Delirium Care "
"(ICDC) are intended to support patients, families, clinicians and health care managers in decisions "
"about the prevention, detection and management of delirium in hospitalised adults."),
("Methods:", "A multidisciplinary panel of 16 members, including two patient representatives, was "
"balanced to minimise bias from conflicts of interest. An independent evidence synthesis team "
"conducted or updated systematic reviews. The panel used the Grading of Recommendations Assessment, "
"Development and Evaluation (GRADE) approach to assess the certainty of the evidence and evidence-to-"
"decision frameworks to formulate recommendations."),
("Results:", "The panel issued 18 numbered statements: 18 graded recommendations (one of them in two "
"parts) and one good practice statement. They address non-pharmacological and pharmacological "
"prevention on general wards and around surgery, routine assessment, treatment of established "
"delirium, sedation and sleep in intensive care, and follow-up after discharge."),
("Conclusions:", "Multicomponent non-pharmacological care remains the cornerstone of delirium "
"prevention. Most pharmacological strategies offer little or uncertain benefit and carry important "
"risks, and the panel made strong recommendations against several commonly used drug treatments."),
]

INTRO = [
("h2", "1.1 Background"),
("p", "Delirium is a common and serious neuropsychiatric syndrome characterised by an acute onset and "
"fluctuating course of inattention, altered awareness and disturbed cognition. In hospital, it is "
"usually precipitated by acute illness, surgery, medication or a combination of factors acting on a "
"vulnerable brain. Advanced age, pre-existing cognitive impairment, frailty, sensory impairment and "
"severe illness are the strongest predisposing factors. Despite its frequency, delirium is missed in "
"a large proportion of patients, and its hypoactive form is particularly likely to go unrecognised."),
("p", "Delirium is distressing for patients and families and is associated with falls, pressure "
"injuries, prolonged hospital stay, loss of independence and death. People who experience delirium "
"have a substantially higher risk of developing dementia in subsequent years. Because a considerable "
"proportion of hospital delirium is thought to be preventable, prevention and early detection are "
"important goals for health systems."),
("h2", "1.2 Aims and scope"),
("p", "This guideline addresses adults admitted to acute hospitals, including general medical and "
"surgical wards and intensive care units. Unless stated otherwise, the term older adults refers to "
"people aged 65 years or older. Delirium in children, delirium in the last days of life, and delirium "
"caused by alcohol or sedative withdrawal are outside the scope of this guideline. The guideline does "
"not address the diagnosis and treatment of the underlying medical causes of delirium, which should be "
"managed according to the relevant specialty guidance."),
("p", "The target audience includes hospital physicians, surgeons, anaesthetists, intensivists, "
"nurses, pharmacists, allied health professionals, patients and their families, and those responsible "
"for designing hospital policies and clinical pathways."),
]

METHODS = [
("h2", "2.1 Panel composition and management of conflicts of interest"),
("p", "The panel comprised geriatricians, intensivists, anaesthetists, a psychiatrist, a clinical "
"pharmacist, two nurses, a physiotherapist, a methodologist and two patient representatives with "
"lived experience of delirium as patients or carers. The chair was a methodologist without relevant "
"financial conflicts of interest. All members disclosed financial and intellectual interests at the "
"start of the process and updated them before each meeting; members with a direct financial interest "
"relating to a question did not vote on that question."),
("h2", "2.2 Formulation of questions and selection of outcomes"),
("p", "The panel prioritised clinical questions using an online survey followed by a consensus meeting, "
"and framed each question in terms of population, intervention, comparison and outcomes. Outcomes were "
"rated on a nine-point scale; incident delirium, delirium duration, mortality, falls, return to "
"previous place of residence and serious adverse drug effects were rated as critical for most "
"questions."),
("h2", "2.3 Evidence review"),
("p", "The evidence synthesis team searched MEDLINE, Embase, CINAHL and the Cochrane Central Register "
"of Controlled Trials from inception to March 2024, without language restrictions. Existing high-"
"quality systematic reviews were updated where available. Randomised trials were preferred; "
"observational studies were included when randomised evidence was absent or insufficient for "
"critical outcomes, particularly for harms. Pooled effects were estimated with random-effects "
"meta-analysis."),
("h2", "2.4 Certainty of the evidence"),
("p", "For each outcome, the certainty of the evidence was assessed with the GRADE approach, "
"considering risk of bias, inconsistency, indirectness, imprecision and publication bias, and, for "
"observational studies, factors that may increase certainty. The overall certainty for a question was "
"based on the lowest certainty among the critical outcomes. The four categories used in this "
"guideline are described in Table 1."),
("table1", None),
("h2", "2.5 From evidence to recommendations"),
("p", "The panel used evidence-to-decision frameworks that considered the balance of benefits and "
"harms, the certainty of the evidence, patients' values and preferences, resource use, equity, "
"acceptability and feasibility. Recommendations were agreed by consensus; when consensus could not be "
"reached, a vote was held and a majority of 80% was required for a strong recommendation. Each "
"recommendation is labelled as strong or conditional and is accompanied by the certainty of the "
"evidence. Strong recommendations use the words the panel recommends and conditional recommendations "
"use the words the panel suggests."),
("h2", "2.6 Interpretation of strong and conditional recommendations"),
("p", "A strong recommendation means that most individuals in the situation would want the recommended "
"course of action and only a small proportion would not; clinicians should expect that most patients "
"receive the intervention, and the recommendation can be adopted as policy in most situations. A "
"conditional recommendation means that the majority of individuals would want the suggested course of "
"action, but many would not. Clinicians should help each patient reach a decision consistent with his "
"or her values and preferences, and policy making will require substantial debate and the involvement "
"of stakeholders."),
("h2", "2.7 Good practice statements"),
("p", "Good practice statements are ungraded. The panel issued one such statement where the message was "
"necessary for clinical practice, the net benefit was large and unequivocal, and collecting and "
"summarising the evidence would have been a poor use of the panel's time and resources."),
("h2", "2.8 Document review"),
("p", "A draft of the guideline was reviewed by all panel members, by the ICDC guideline oversight "
"committee and by external reviewers, and was posted for public comment for six weeks. Comments were "
"considered by the panel, and changes were limited to the correction of errors and clarification of "
"wording; no recommendation was reversed as a result of public comment."),
]

CLOSING = [
("h1", "4. Implementation and future research"),
("p", "Several recommendations in this guideline require changes in the organisation of care rather "
"than the prescription of a new treatment. Hospitals should consider audit of delirium assessment "
"rates, antipsychotic and benzodiazepine prescribing and the use of physical restraint as quality "
"indicators. Electronic order sets should be reviewed to remove default prophylactic antipsychotics "
"and pethidine from perioperative pathways."),
("p", "The panel identified important gaps in the evidence, including the prevention and treatment of "
"delirium in people with advanced dementia, the role of pharmacological sleep aids, and the effect of "
"follow-up services on long-term cognitive outcomes. Future trials should report a core outcome set "
"that includes delirium duration and severity, long-term cognition and outcomes that matter to "
"patients and families."),
("h1", "5. Updating"),
("p", "The ICDC will monitor the literature annually and will update individual recommendations when "
"new evidence is likely to change the direction or strength of a recommendation, or in any case no "
"later than five years after publication."),
("h2", "Acknowledgements"),
("p", "The panel thanks the patients and carers who contributed to the prioritisation of questions, "
"and the librarians of the evidence synthesis team. This guideline was funded by the ICDC, which "
"received no funding from industry for this work."),
("h2", "Correspondence"),
("p", "Marta Lindqvist, ICDC Guideline Office, correspondence via the journal editorial office."),
]


# ---------------------------------------------------------------------------
# Layout
# ---------------------------------------------------------------------------
PAGE_W, PAGE_H = A4
MARGIN_X = 46
TOP = 62     # space reserved for header
BOTTOM = 56  # space reserved for footer
GAP = 18
COL_W = (PAGE_W - 2 * MARGIN_X - GAP) / 2.0
BODY_H = PAGE_H - TOP - BOTTOM
FIRST_TOP_H = 375  # full-width title/abstract area on page 1

ACCENT = HexColor("#1f4e79")
SHADE = HexColor("#e8eff7")

styles = dict(
    title=ParagraphStyle("title", fontName="Sans-Bold", fontSize=17, leading=21, textColor=ACCENT,
                         spaceAfter=8),
    kicker=ParagraphStyle("kicker", fontName="Sans-Bold", fontSize=8, leading=10, textColor=HexColor("#7a2e2e"),
                          spaceAfter=4),
    authors=ParagraphStyle("authors", fontName="Sans", fontSize=9, leading=12, spaceAfter=3),
    affil=ParagraphStyle("affil", fontName="Serif-Italic", fontSize=7.2, leading=9, textColor=HexColor("#444444"),
                         spaceAfter=6),
    abs_head=ParagraphStyle("abs_head", fontName="Sans-Bold", fontSize=9.5, leading=12, textColor=ACCENT,
                            spaceBefore=2, spaceAfter=2),
    abstract=ParagraphStyle("abstract", fontName="Serif", fontSize=8.3, leading=10.6, alignment=TA_JUSTIFY,
                            spaceAfter=2.5),
    h1=ParagraphStyle("h1", fontName="Sans-Bold", fontSize=10.5, leading=13, textColor=ACCENT,
                      spaceBefore=8, spaceAfter=4),
    h2=ParagraphStyle("h2", fontName="Sans-Bold", fontSize=9, leading=11.5, spaceBefore=6, spaceAfter=2.5),
    h3=ParagraphStyle("h3", fontName="Sans-Bold", fontSize=8.2, leading=10.5, textColor=HexColor("#333333"),
                      spaceBefore=4, spaceAfter=1.5),
    body=ParagraphStyle("body", fontName="Serif", fontSize=8.9, leading=11.6, alignment=TA_JUSTIFY,
                        spaceAfter=3),
    stmt=ParagraphStyle("stmt", fontName="Serif", fontSize=9, leading=12, alignment=TA_LEFT,
                        backColor=SHADE, borderColor=ACCENT, borderWidth=0.6, borderPadding=(4, 4, 4, 4),
                        spaceBefore=6, spaceAfter=8),
    cell=ParagraphStyle("cell", fontName="Serif", fontSize=6.9, leading=8.4, alignment=TA_LEFT),
    cellb=ParagraphStyle("cellb", fontName="Sans-Bold", fontSize=6.9, leading=8.4, alignment=TA_LEFT),
    caption=ParagraphStyle("caption", fontName="Sans-Bold", fontSize=7.6, leading=9.5, spaceBefore=5,
                           spaceAfter=3, keepWithNext=1),
    tnote=ParagraphStyle("tnote", fontName="Serif-Italic", fontSize=6.6, leading=8.2, spaceBefore=2,
                         spaceAfter=6),
)


class NumberedCanvas(rl_canvas.Canvas):
    """Canvas that knows the total page count when drawing footers."""

    def __init__(self, *args, **kwargs):
        rl_canvas.Canvas.__init__(self, *args, **kwargs)
        self._saved = []

    def showPage(self):
        self._saved.append(dict(self.__dict__))
        self._startPage()

    def save(self):
        total = len(self._saved)
        for state in self._saved:
            self.__dict__.update(state)
            self._draw_footer(total)
            rl_canvas.Canvas.showPage(self)
        rl_canvas.Canvas.save(self)

    def _draw_footer(self, total):
        self.saveState()
        self.setFont("Sans", 7)
        self.setFillColor(HexColor("#555555"))
        self.line(MARGIN_X, BOTTOM - 16, PAGE_W - MARGIN_X, BOTTOM - 16)
        self.drawString(MARGIN_X, BOTTOM - 28, "%s  |  %s" % (CITATION, DOI))
        self.drawRightString(PAGE_W - MARGIN_X, BOTTOM - 28, "Page %d of %d" % (self._pageNumber, total))
        self.restoreState()


def draw_header(canv, doc):
    canv.saveState()
    canv.setFont("Sans-Bold", 7.5)
    canv.setFillColor(ACCENT)
    canv.drawString(MARGIN_X, PAGE_H - 34, JOURNAL.upper())
    canv.setFont("Sans", 7.5)
    canv.setFillColor(HexColor("#555555"))
    canv.drawRightString(PAGE_W - MARGIN_X, PAGE_H - 34, "ICDC guideline: delirium in hospitalised adults")
    canv.setStrokeColor(ACCENT)
    canv.setLineWidth(0.8)
    canv.line(MARGIN_X, PAGE_H - 40, PAGE_W - MARGIN_X, PAGE_H - 40)
    canv.restoreState()


class GuidelineDoc(BaseDocTemplate):
    def __init__(self, filename, **kw):
        BaseDocTemplate.__init__(self, filename, pagesize=A4, leftMargin=MARGIN_X, rightMargin=MARGIN_X,
                                 topMargin=TOP, bottomMargin=BOTTOM, **kw)
        top_y = PAGE_H - TOP - FIRST_TOP_H
        first = [
            Frame(MARGIN_X, top_y, PAGE_W - 2 * MARGIN_X, FIRST_TOP_H, id="top", leftPadding=0,
                  rightPadding=0, topPadding=0, bottomPadding=0),
            Frame(MARGIN_X, BOTTOM, COL_W, top_y - BOTTOM - 8, id="c1", leftPadding=0, rightPadding=0,
                  topPadding=0, bottomPadding=0),
            Frame(MARGIN_X + COL_W + GAP, BOTTOM, COL_W, top_y - BOTTOM - 8, id="c2", leftPadding=0,
                  rightPadding=0, topPadding=0, bottomPadding=0),
        ]
        later = [
            Frame(MARGIN_X, BOTTOM, COL_W, BODY_H, id="c1", leftPadding=0, rightPadding=0,
                  topPadding=0, bottomPadding=0),
            Frame(MARGIN_X + COL_W + GAP, BOTTOM, COL_W, BODY_H, id="c2", leftPadding=0,
                  rightPadding=0, topPadding=0, bottomPadding=0),
        ]
        self.addPageTemplates([PageTemplate(id="First", frames=first, onPage=draw_header),
                               PageTemplate(id="Later", frames=later, onPage=draw_header)])
        self.placements = []  # (tag, page, frame id)

    def afterFlowable(self, flowable):
        tag = getattr(flowable, "_stmt_tag", None)
        if tag:
            self.placements.append((tag, self.page, self.frame.id))


class StmtParagraph(Paragraph):
    """Paragraph that keeps a tag through splits so placement can be tracked."""

    def split(self, availWidth, availHeight):
        parts = Paragraph.split(self, availWidth, availHeight)
        for p in parts:
            p.__class__ = StmtParagraph
            p._stmt_tag = self._stmt_tag
        return parts


def table1():
    rows = [["Certainty", "Definition used by the panel"],
            ["High " + SYMBOLS["high"], "The panel is very confident that the true effect lies close to the "
             "estimate of the effect."],
            ["Moderate " + SYMBOLS["moderate"], "The panel is moderately confident: the true effect is likely "
             "to be close to the estimate, but it may be substantially different."],
            ["Low " + SYMBOLS["low"], "The panel's confidence is limited: the true effect may be "
             "substantially different from the estimate."],
            ["Very low " + SYMBOLS["very_low"], "The panel has very little confidence: the true effect is "
             "likely to be substantially different from the estimate."]]
    data = [[Paragraph(c, styles["cellb" if i == 0 or j == 0 else "cell"]) for j, c in enumerate(r)]
            for i, r in enumerate(rows)]
    t = Table(data, colWidths=[COL_W * 0.30, COL_W * 0.70])
    t.setStyle(TableStyle([
        ("BACKGROUND", (0, 0), (-1, 0), SHADE),
        ("LINEABOVE", (0, 0), (-1, 0), 0.8, ACCENT),
        ("LINEBELOW", (0, 0), (-1, 0), 0.5, ACCENT),
        ("LINEBELOW", (0, -1), (-1, -1), 0.8, ACCENT),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]))
    return [Paragraph("Table 1. Certainty of the evidence: categories and definitions", styles["caption"]), t]


def table2():
    rows = [["Outcome", "Studies (n)", "Relative effect (95% CI)", "Absolute effect per 1,000",
             "Certainty"],
            ["Incident delirium", "14 RCTs (5,402)", "RR 0.94 (0.85 to 1.04)", "11 fewer (27 fewer to 7 more)",
             SYMBOLS["high"] + " High"],
            ["Mortality at 28 days", "10 RCTs (4,615)", "RR 1.03 (0.86 to 1.23)", "3 more (13 fewer to 21 more)",
             SYMBOLS["high"] + " High"],
            ["Length of stay", "9 RCTs (3,980)", "–", "MD 0.1 days longer (0.4 shorter to 0.6 longer)",
             SYMBOLS["moderate"] + " Moderate"],
            ["Extrapyramidal symptoms", "8 RCTs (3,122)", "RR 1.62 (1.08 to 2.43)", "14 more (2 more to 32 more)",
             SYMBOLS["moderate"] + " Moderate"],
            ["QTc prolongation", "6 RCTs (2,310)", "RR 1.45 (1.02 to 2.06)", "12 more (1 more to 29 more)",
             SYMBOLS["moderate"] + " Moderate"]]
    data = [[Paragraph(c, styles["cellb" if i == 0 else "cell"]) for c in r] for i, r in enumerate(rows)]
    w = COL_W
    t = Table(data, colWidths=[w * 0.25, w * 0.15, w * 0.19, w * 0.24, w * 0.17])
    t.setStyle(TableStyle([
        ("BACKGROUND", (0, 0), (-1, 0), SHADE),
        ("LINEABOVE", (0, 0), (-1, 0), 0.8, ACCENT),
        ("LINEBELOW", (0, 0), (-1, 0), 0.5, ACCENT),
        ("LINEBELOW", (0, -1), (-1, -1), 0.8, ACCENT),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 2), ("RIGHTPADDING", (0, 0), (-1, -1), 2),
        ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]))
    return [Paragraph("Table 2. Evidence profile: prophylactic haloperidol compared with no prophylaxis in "
                      "hospitalised adults aged 65 years or older at risk of delirium", styles["caption"]),
            t,
            Paragraph("Baseline risks were taken from the control arms of the included trials (incident "
                      "delirium 18%; mortality 9%). CI, confidence interval; MD, mean difference; RCT, "
                      "randomised controlled trial; RR, relative risk.", styles["tnote"])]


def stmt_flowable(s):
    txt = "<b>%s</b> %s" % (label(s), full_text(s))
    p = StmtParagraph(txt, styles["stmt"])
    p._stmt_tag = sid(s)
    return p


def build_story(extra_space=None):
    """extra_space: optional {statement id: points} inserted before that statement's heading."""
    extra_space = extra_space or {}
    st = []
    st.append(Paragraph("CLINICAL PRACTICE GUIDELINE  ·  SPECIAL ARTICLE", styles["kicker"]))
    st.append(Paragraph(TITLE, styles["title"]))
    st.append(Paragraph("Marta Lindqvist,<super>1</super> Oluwaseun Adeyemi,<super>2</super> Henri "
                        "Caradec,<super>3</super> Priya Venkataraman,<super>4</super> Tomasz "
                        "Wróbel,<super>5</super> Aisling Moran,<super>6</super> Daniel K. "
                        "Osei,<super>2</super> Reiko Tanabe,<super>7</super> and the ICDC Delirium "
                        "Guideline Panel", styles["authors"]))
    st.append(Paragraph("<super>1</super>Department of Geriatric Medicine, Nordhavn University Hospital; "
                        "<super>2</super>Division of Critical Care, Lakeside Medical Centre; "
                        "<super>3</super>Department of Anaesthesia, Hôpital Saint-Aubin; "
                        "<super>4</super>Evidence Synthesis Unit, Westbridge Institute for Health Research; "
                        "<super>5</super>Department of Psychiatry, Vistula Medical University; "
                        "<super>6</super>School of Nursing, Corrib College; <super>7</super>Department "
                        "of Clinical Pharmacy, Minato General Hospital. Received 12 August 2024; accepted "
                        "9 January 2025.", styles["affil"]))
    st.append(Paragraph("Abstract", styles["abs_head"]))
    for head, txt in ABSTRACT:
        st.append(Paragraph("<b>%s</b> %s" % (head, txt), styles["abstract"]))
    st.append(Paragraph("<b>Keywords:</b> delirium; older adults; hospital; intensive care; "
                        "antipsychotics; GRADE; clinical practice guideline", styles["abstract"]))
    st.append(NextPageTemplate("Later"))
    st.append(FrameBreak())

    st.append(Paragraph("1. Introduction", styles["h1"]))
    for kind, txt in INTRO:
        st.append(Paragraph(txt, styles[kind if kind != "p" else "body"]))
    st.append(Paragraph("2. Methods", styles["h1"]))
    for kind, txt in METHODS:
        if kind == "table1":
            st.extend(table1())
        else:
            st.append(Paragraph(txt, styles[kind if kind != "p" else "body"]))

    st.append(Paragraph("3. Recommendations", styles["h1"]))
    st.append(Paragraph("Each recommendation is presented with its strength and the certainty of the "
                        "evidence, followed by a summary of the evidence, the panel's judgement of "
                        "benefits and harms and other considerations that informed the decision. "
                        "Recommendations are numbered consecutively; recommendation 6 has two separately "
                        "graded parts.", styles["body"]))
    current = None
    for s in STATEMENTS:
        if s["section"] != current:
            current = s["section"]
            st.append(CondPageBreak(70))
            st.append(Paragraph(SECTIONS[current], styles["h1"]))
        if sid(s) in extra_space:
            st.append(Spacer(1, extra_space[sid(s)]))
        if s["heading"]:
            st.append(CondPageBreak(60))
            st.append(Paragraph(s["heading"], styles["h2"]))
        st.append(stmt_flowable(s))
        if s["part"] == "a":
            continue  # discussion follows part b
        d = DISCUSSION[s["number"]]
        for h, key in (("Summary of the evidence", "evidence"), ("Benefits and harms", "benefits"),
                       ("Other considerations", "other")):
            st.append(Paragraph(h, styles["h3"]))
            st.append(Paragraph(d[key], styles["body"]))
            if s["number"] == 2 and key == "evidence":
                st.extend(table2())
    for kind, txt in CLOSING:
        st.append(Paragraph(txt, styles[kind if kind != "p" else "body"]))
    return st


def build(path, extra_space=None):
    doc = GuidelineDoc(path, title=TITLE, author="International Consortium for Delirium Care (ICDC)",
                       subject="Clinical practice guideline: delirium in hospitalised adults (GRADE)",
                       keywords="delirium, guideline, GRADE, older adults, critical care",
                       creator="make_pdf.py (reportlab)")
    doc.build(build_story(extra_space), canvasmaker=NumberedCanvas)
    return doc


def split_statements(doc):
    seen = {}
    for tag, page, frame in doc.placements:
        seen.setdefault(tag, []).append((page, frame))
    return {k: v for k, v in seen.items() if len(v) > 1}, seen


# Statement that should run across a column/page break, and the spacer
# (points) found to achieve this.  If the layout changes, main() searches
# for a new spacer value automatically.
SPLIT_TARGET = "GL-12"
SPLIT_SPACE = None


def main():
    space = SPLIT_SPACE
    doc = build(OUT, {SPLIT_TARGET: space} if space else None)
    splits, seen = split_statements(doc)
    if SPLIT_TARGET not in splits:
        for extra in range(2, 400, 3):
            doc = build(OUT, {SPLIT_TARGET: extra})
            splits, seen = split_statements(doc)
            if SPLIT_TARGET in splits:
                space = extra
                break
        else:
            sys.exit("could not force a split of %s" % SPLIT_TARGET)
    print("wrote", OUT, "pages:", doc.page)
    print("spacer before %s: %s" % (SPLIT_TARGET, space))
    for tag, places in seen.items():
        print("  %-6s %s" % (tag, places))


if __name__ == "__main__":
    main()
