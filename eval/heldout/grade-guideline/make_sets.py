import json
import os
D = os.path.dirname(os.path.abspath(__file__)) + "/"

Q = [
# ---- answered ----
("Should older inpatients who are at risk of delirium be given prophylactic haloperidol?", "answered", ["GL-2"], "direct", "Prevention; strong against, high certainty."),
("melatonin delirium prevention elderly inpatients", "answered", ["GL-3"], "terse", "Keyword-only query."),
("Is a multicomponent non-drug prevention programme recommended for hospitalised adults over 65 who are at risk of delirium?", "answered", ["GL-1"], "direct", "Paraphrase: non-drug = non-pharmacological."),
("BIS-guided anaesthesia to reduce postop delirium in the elderly - recommended?", "answered", ["GL-4"], "abbreviation", "BIS = bispectral index, a processed EEG index (named in the discussion)."),
("An 82-year-old man is scheduled for an elective open colectomy. Would the guideline support giving dexmedetomidine around the operation to prevent delirium?", "answered", ["GL-5"], "vignette", "Major non-cardiac surgery, age >= 65."),
("What analgesia does the guideline suggest for an older patient arriving with a hip fracture?", "answered", ["GL-6a", "GL-6b"], "two_part", "Both parts of recommendation 6 are relevant."),
("Can pethidine be used for pain after hip fracture surgery in a 78-year-old?", "answered", ["GL-6b"], "vignette", "Part b only."),
("FICB for #NOF in elderly?", "answered", ["GL-6a"], "abbreviation", "FICB = fascia iliaca compartment block; #NOF = fractured neck of femur (hip fracture)."),
("How often should older inpatients be screened for delirium, and with which tool?", "answered", ["GL-7"], "good_practice", "Good practice statement."),
("4AT on admission?", "answered", ["GL-7"], "terse", "Instrument named in the statement."),
("Should lorazepam be used to calm a delirious 85-year-old on a medical ward who is not withdrawing from alcohol?", "answered", ["GL-8"], "vignette", "Lorazepam is a benzodiazepine."),
("Routine antipsychotics for hospital delirium in older adults: yes or no?", "answered", ["GL-9"], "terse", "Conditional against."),
("Does quetiapine shorten delirium in elderly inpatients?", "answered", ["GL-9"], "drug_name", "Quetiapine is a second-generation antipsychotic (named in the discussion)."),
("A 79-year-old woman with postoperative delirium is trying to hit staff and is at risk of injuring herself despite de-escalation. Is haloperidol appropriate?", "answered", ["GL-10"], "vignette", "Severe dangerous agitation despite non-pharmacological measures."),
("A patient with Parkinson's disease develops delirium on the ward. Can I give haloperidol?", "answered", ["GL-11"], "population_cue", "Population-specific strong against."),
("DLB pt delirious - typical antipsychotics ok?", "answered", ["GL-11"], "abbreviation", "DLB = dementia with Lewy bodies; typical = first-generation."),
("Should we use physical restraints to stop a delirious older patient from falling?", "answered", ["GL-12"], "direct", "'recommends no' phrasing."),
("Is it acceptable to use lap belts or hand mittens on an agitated elderly patient with delirium?", "answered", ["GL-12"], "synonym", "Discussion classifies lap belts and mittens as physical restraint."),
("Rivastigmine for treating delirium?", "answered", ["GL-13"], "terse", "Cholinesterase inhibitor."),
("Should families be involved in caring for older inpatients with delirium, for example through extended visiting hours?", "answered", ["GL-14"], "direct", "Family involvement programme."),
("For a ventilated ICU patient who needs continuous sedation, is dexmedetomidine or midazolam preferred?", "answered", ["GL-15"], "comparison", "Midazolam = benzodiazepine-based sedation."),
("SAT/SBT in mechanically ventilated pts?", "answered", ["GL-16"], "abbreviation", "Spontaneous awakening trial / spontaneous breathing trial."),
("Does the guideline recommend daily sedation holds for intubated patients?", "answered", ["GL-16"], "synonym", "Sedation hold = daily interruption of sedation."),
("Earplugs and eye masks in the ICU to prevent delirium?", "answered", ["GL-17"], "terse", "Sleep-promotion bundle."),
("After an episode of delirium in hospital, should the patient have a memory check after going home?", "answered", ["GL-18"], "lay_language", "Structured cognitive follow-up within 3 months."),
("What does the guideline recommend for preventing delirium in hospitalised adults aged 65 or older who are at risk?", "answered", ["GL-1", "GL-2", "GL-3"], "population_cue", "Three statements share this opening."),
("What are the recommendations for critically ill adults?", "answered", ["GL-15", "GL-16", "GL-17"], "population_cue", "Three statements open with 'In critically ill adults'."),
("Which drugs does the guideline advise against for treating established delirium in older inpatients?", "answered", ["GL-8", "GL-9", "GL-11", "GL-13"], "aggregate", "All 'against' drug statements in the treatment section."),
("Is there a good practice statement in this guideline, and what does it say?", "answered", ["GL-7"], "meta", "Only ungraded statement."),
("A fit 70-year-old is having an elective total hip replacement under general anaesthesia. Should anaesthetic depth be guided by EEG monitoring?", "answered", ["GL-4"], "vignette_distractor", "Elective hip replacement is not hip fracture; should not retrieve GL-6a/6b."),
# ---- not found (in-domain, not addressed) ----
("Should ketamine be given intraoperatively to prevent postoperative delirium in older adults?", "not_found", [], "not_addressed", "Ketamine is not covered; shares 'postoperative delirium' with GL-4/GL-5."),
("Which benzodiazepine regimen is recommended for alcohol withdrawal delirium?", "not_found", [], "excluded_scope", "Alcohol withdrawal delirium is explicitly outside scope; GL-8 excludes it."),
("Should propofol or dexmedetomidine be used for sedation in ventilated ICU patients?", "not_found", [], "not_addressed", "GL-15 compares dexmedetomidine with benzodiazepines only; discussion says propofol comparison not addressed."),
("Should haloperidol for delirium be given intravenously or orally?", "not_found", [], "not_addressed", "Route of administration not addressed."),
("Does the guideline recommend spinal rather than general anaesthesia for hip fracture surgery to reduce delirium?", "not_found", [], "not_addressed", "Shares 'hip fracture' and 'anaesthesia' with GL-4/GL-6."),
("Should hypnotics such as zolpidem be used to improve sleep in ICU patients?", "not_found", [], "not_addressed", "Discussion of GL-17 states no recommendation on pharmacological sleep aids."),
("How should delirium be managed in children in the paediatric ICU?", "not_found", [], "excluded_scope", "Children explicitly outside scope."),
("Is thiamine recommended for older inpatients with delirium?", "not_found", [], "not_addressed", "Not covered."),
("Should statins be started in ICU patients to prevent delirium?", "not_found", [], "not_addressed", "Not covered."),
("Is dexmedetomidine suggested to prevent delirium after cardiac surgery?", "not_found", [], "population_excluded", "GL-5 is limited to non-cardiac surgery; discussion says cardiac surgery is not covered."),
# ---- out of scope ----
("What is the first-line antibiotic for community-acquired pneumonia in adults?", "out_of_scope", [], "out_of_scope", "Unrelated topic."),
("How should diabetic ketoacidosis be treated?", "out_of_scope", [], "out_of_scope", "Unrelated topic."),
("What is the recommended interval for colorectal cancer screening?", "out_of_scope", [], "out_of_scope", "Unrelated topic."),
]

with open(D + "questions.jsonl", "w") as f:
    for i, (q, st, ids, cat, note) in enumerate(Q, 1):
        f.write(json.dumps(dict(id="gq-%02d" % i, question=q, expected_status=st, expected_ids=ids,
                                category=cat, note=note), ensure_ascii=False) + "\n")

def F(kind, rid): return dict(kind=kind, recommendation_id=rid)
C = [
# ---- pass ----
("The panel strongly recommends multicomponent non-pharmacological prevention programmes for hospitalised adults aged 65 or older at risk of delirium (moderate certainty evidence).", "pass", [], "faithful", "GL-1"),
("Prophylactic haloperidol should not be used in older inpatients at risk of delirium; this is a strong recommendation based on high certainty evidence.", "pass", [], "faithful", "GL-2"),
("Recommendation 3 conditionally advises against melatonin for delirium prevention in at-risk hospitalised older adults, based on low certainty evidence.", "pass", [], "faithful_cited", "GL-3"),
("For older adults having major elective surgery under general anaesthesia, processed EEG-guided titration of anaesthetic depth is suggested (conditional recommendation, moderate certainty).", "pass", [], "faithful", "GL-4"),
("The panel suggests, on the basis of low certainty evidence, perioperative dexmedetomidine for older adults undergoing major non-cardiac surgery to prevent postoperative delirium.", "pass", [], "faithful", "GL-5"),
("In older adults admitted with a hip fracture, a fascia iliaca block at admission is suggested in addition to systemic analgesia (conditional recommendation, moderate certainty).", "pass", [], "faithful", "GL-6a"),
("Pethidine should be avoided for perioperative analgesia in older adults with a hip fracture, a strong recommendation despite low certainty evidence.", "pass", [], "faithful", "GL-6b"),
("All older adults admitted to hospital should be assessed for delirium on admission and daily thereafter with a validated tool such as the 4AT; this is a good practice statement.", "pass", [], "faithful", "GL-7"),
("The guideline strongly recommends against benzodiazepines for treating delirium in older inpatients who are not withdrawing from alcohol or benzodiazepines.", "pass", [], "faithful", "GL-8"),
("Routine antipsychotic treatment of delirium in hospitalised older adults is not suggested (conditional recommendation against, moderate certainty).", "pass", [], "faithful", "GL-9"),
("For delirious older inpatients whose severe agitation endangers themselves or others despite non-drug measures, the panel suggests short-term low-dose haloperidol, although the evidence is of very low certainty.", "pass", [], "faithful", "GL-10"),
("Recommendation 11 strongly recommends against haloperidol in patients with Parkinson disease or dementia with Lewy bodies who develop delirium.", "pass", [], "faithful_cited", "GL-11"),
("The panel recommends no physical restraint for agitated or fall-prone older inpatients with delirium (strong recommendation, low certainty).", "pass", [], "faithful", "GL-12"),
("Starting a cholinesterase inhibitor to treat delirium in hospitalised older adults is strongly recommended against.", "pass", [], "faithful", "GL-13"),
("The panel suggests family involvement programmes, with education of relatives and flexible visiting hours, for hospitalised older adults with delirium.", "pass", [], "faithful", "GL-14"),
("Dexmedetomidine is suggested over benzodiazepine-based sedation for mechanically ventilated adults who need continuous sedation; the evidence is of high certainty but the recommendation is conditional.", "pass", [], "faithful", "GL-15"),
("Recommendation 16: paired daily sedation interruption and spontaneous breathing trials are strongly recommended for critically ill adults on invasive mechanical ventilation.", "pass", [], "faithful_cited", "GL-16"),
("A night-time sleep-promotion bundle with earplugs, eye masks and reduced noise and light is suggested for critically ill adults (conditional recommendation, low certainty).", "pass", [], "faithful", "GL-17"),
("Older adults who had delirium in hospital may be offered a structured cognitive follow-up within 3 months of discharge, according to a conditional recommendation based on very low certainty evidence.", "pass", [], "faithful", "GL-18"),
# ---- fail ----
("The panel recommends prophylactic haloperidol for hospitalised older adults at risk of delirium.", "fail", [F("direction_contradiction", "GL-2")], "direction", "GL-2 is against."),
("Melatonin is suggested for preventing delirium in at-risk older inpatients.", "fail", [F("direction_contradiction", "GL-3")], "direction", "GL-3 suggests against."),
("Recommendation 13 recommends starting a cholinesterase inhibitor such as rivastigmine to treat delirium in older inpatients.", "fail", [F("direction_contradiction", "GL-13")], "direction_cited", "GL-13 is strong against."),
("The guideline suggests against family involvement programmes for delirious older inpatients.", "fail", [F("direction_contradiction", "GL-14")], "direction", "GL-14 is for."),
("Physical restraint is recommended to prevent falls in hospitalised older adults with delirium.", "fail", [F("direction_contradiction", "GL-12")], "direction", "GL-12 'recommends no' physical restraint."),
("In dementia with Lewy bodies, haloperidol is the preferred antipsychotic when delirium develops.", "fail", [F("direction_contradiction", "GL-11")], "direction", "GL-11 is strong against."),
("The panel strongly recommends processed EEG-guided anaesthesia for older adults undergoing major elective surgery.", "fail", [F("strength_overstated", "GL-4")], "strength", "GL-4 is conditional."),
("Recommendation 15 strongly recommends dexmedetomidine over benzodiazepines for sedation in ventilated ICU patients.", "fail", [F("strength_overstated", "GL-15")], "strength_cited", "GL-15 is conditional despite high certainty."),
("Antipsychotics must never be used to treat delirium in older inpatients; the panel strongly recommends against them.", "fail", [F("strength_overstated", "GL-9")], "strength", "GL-9 is conditional."),
("The panel only suggests, as a conditional recommendation, avoiding benzodiazepines for delirium in older inpatients who are not withdrawing from alcohol.", "fail", [F("strength_understated", "GL-8")], "strength", "GL-8 is strong."),
("Multicomponent non-pharmacological prevention programmes are only a conditional suggestion for older inpatients at risk of delirium.", "fail", [F("strength_understated", "GL-1")], "strength", "GL-1 is strong."),
("Avoiding pethidine after a hip fracture in older adults is only a weak, conditional recommendation.", "fail", [F("strength_understated", "GL-6b")], "strength", "GL-6b is strong."),
("Prophylactic haloperidol is strongly recommended against on the basis of low certainty evidence.", "fail", [F("certainty_mismatch", "GL-2")], "certainty", "GL-2 is high certainty."),
("Dexmedetomidine rather than benzodiazepine sedation in ventilated adults is conditionally suggested on the basis of low certainty evidence.", "fail", [F("certainty_mismatch", "GL-15")], "certainty", "GL-15 is high certainty."),
("The suggestion to use short-term low-dose haloperidol for severe agitation in delirium is supported by moderate certainty evidence.", "fail", [F("certainty_mismatch", "GL-10")], "certainty", "GL-10 is very low certainty."),
("Recommendation 16, a strong recommendation for paired awakening and breathing trials, rests on high certainty evidence.", "fail", [F("certainty_mismatch", "GL-16")], "certainty_cited", "GL-16 is moderate certainty."),
("The fascia iliaca compartment block suggestion for older adults with hip fracture is based on very low certainty evidence.", "fail", [F("certainty_mismatch", "GL-6a")], "certainty", "GL-6a is moderate certainty."),
("Perioperative dexmedetomidine is suggested to prevent delirium in older adults undergoing cardiac surgery.", "fail", [F("population_mismatch", "GL-5")], "population", "GL-5 covers non-cardiac surgery only."),
("A sleep-promotion bundle with earplugs and eye masks is suggested for all older adults on general medical wards.", "fail", [F("population_mismatch", "GL-17")], "population", "GL-17 is for critically ill adults."),
("For all hospitalised older adults with delirium, including those withdrawing from alcohol, the panel strongly recommends against benzodiazepines.", "fail", [F("population_mismatch", "GL-8")], "population", "GL-8 excludes alcohol/benzodiazepine withdrawal."),
("Daily sedation interruption coordinated with spontaneous breathing trials is strongly recommended for all hospitalised older adults receiving sedative medication.", "fail", [F("population_mismatch", "GL-16")], "population", "GL-16 is for critically ill adults on invasive mechanical ventilation."),
("A fascia iliaca compartment block is suggested for older adults undergoing elective hip replacement.", "fail", [F("population_mismatch", "GL-6a")], "population", "GL-6a is for hip fracture admissions."),
("Recommendation 4 strongly recommends EEG-guided anaesthetic depth monitoring based on high certainty evidence.", "fail", [F("strength_overstated", "GL-4"), F("certainty_mismatch", "GL-4")], "multi", "GL-4 is conditional, moderate certainty."),
# ---- warn ----
("The panel recommends daytime bright light therapy to prevent delirium in older inpatients.", "warn", [F("unsupported_claim", None)], "unsupported", "No statement on bright light therapy."),
("Recommendation 22 strongly recommends ketamine for the prevention of postoperative delirium.", "warn", [F("unknown_recommendation", "GL-22")], "unknown_id", "Guideline has statements 1-18 only."),
("The panel recommends thiamine supplementation for all older inpatients with delirium.", "warn", [F("unsupported_claim", None)], "unsupported", "Thiamine not addressed."),
("As stated in Recommendation 19, older adults with new delirium should have a CT scan of the brain.", "warn", [F("unknown_recommendation", "GL-19")], "unknown_id", "No recommendation 19; imaging not addressed."),
("The guideline suggests propofol over dexmedetomidine for sedation of ventilated ICU patients.", "warn", [F("unsupported_claim", None)], "unsupported", "Propofol comparison explicitly not addressed (GL-15 discussion)."),
]

with open(D + "claims.jsonl", "w") as f:
    for i, (t, v, fnd, cat, note) in enumerate(C, 1):
        f.write(json.dumps(dict(id="gg-%02d" % i, text=t, expected_verdict=v, expected_findings=fnd,
                                category=cat, note=note), ensure_ascii=False) + "\n")

def T(q, st, ids): return dict(question=q, expected_status=st, expected_ids=ids)
CV = [
 [T("Should older patients on the ward who are at risk of delirium get haloperidol to prevent it?", "answered", ["GL-2"]),
  T("How strong is that recommendation?", "answered", ["GL-2"]),
  T("And what about melatonin instead?", "answered", ["GL-3"])],
 [T("My 84-year-old patient with delirium is very agitated and trying to hit the nurses despite calming measures. Can I give haloperidol?", "answered", ["GL-10"]),
  T("What if she has Parkinson's disease?", "answered", ["GL-11"]),
  T("Could we restrain her in bed instead?", "answered", ["GL-12"])],
 [T("What sedative should I use for a ventilated ICU patient who needs continuous sedation?", "answered", ["GL-15"]),
  T("What's the certainty of the evidence behind that?", "answered", ["GL-15"]),
  T("And how does it compare with propofol?", "not_found", [])],
 [T("An 80-year-old woman is admitted with a hip fracture. What pain management does the guideline suggest to reduce her risk of delirium?", "answered", ["GL-6a", "GL-6b"]),
  T("Is pethidine OK for her pain after the operation?", "answered", ["GL-6b"]),
  T("Should her surgery be done under spinal rather than general anaesthesia?", "not_found", [])],
 [T("How should we screen older inpatients for delirium?", "answered", ["GL-7"]),
  T("Is that a graded recommendation?", "answered", ["GL-7"]),
  T("And once the patient has gone home after an episode of delirium, is any follow-up advised?", "answered", ["GL-18"])],
]
with open(D + "conversations.jsonl", "w") as f:
    for i, turns in enumerate(CV, 1):
        f.write(json.dumps(dict(id="gconv-%d" % i, turns=turns), ensure_ascii=False) + "\n")
print(len(Q), len(C), len(CV))
