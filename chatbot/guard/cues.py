"""The cue words the claim reader looks for: direction, negation, scope and GRADE strength, in any guideline's English."""

from __future__ import annotations

SYMBOLS = ("[", "(?<![\\w-])(?:→")  # how the shorthand cues (arrows, ticks and crosses) open: signs, not words

# Phrases that turn a statement against something (each flips the polarity once).
AGAINST = [
    r"(?:recommend\w*|suggest\w*|advis\w*|argu\w*|decid\w*|guidance|caution\w*|counsel\w*|panel|guidelines?|out|(?-i:[A-Z]{2,6})) against",  # an issuer's acronym ("the society advises against")
    r"against (?:the )?(?:routine|use|using|giving|starting|adding|it|them|this)",
    r"(?<!to )(?<!helps )(?<!help )avoid\w*",
    r"discourag\w*",
    r"no (?:need|role|indication|benefit|place|requirement|routine)",
    r"no (?:[\w/+-]+ ){1,2}(?:needed|required|necessary|indicated)",  # "no follow-up needed": X not needed
    r"omit\w*",
    r"withh[oe]ld\w*",
    r"unnecessary",
    r"contraindicated",
    r"forgo\w*",
    r"skip(?:s|ped|ping)?",
    r"re(?:frain\w*|ject(?:s|ed|ing)?)",  # "the panel rejects intensifying therapy"
    r"(?:steer\w*|direct\w*|point\w*|mov\w*|shift\w*|turn\w*)(?: \w+)? away from",
    r"[✘✗❌✖]",  # shorthand ticks and crosses: "routine cryo ✘"
    r"(?:less|least) (?:favou?red|preferred|recommended)|(?:favou?red|preferred) less",  # "the option the panel favoured less"
]
# Negators: each flips the polarity once when it governs a cue ("should not be given", "do not avoid").
NEGATORS = [
    r"not",
    r"never",
    r"nobody",
    r"no one",
    r"no patient",
    r"cannot",
    r"no longer",  # "no longer advised"; "no longer than" opens a clause ("than") the negator does not reach past
    r"(?:ca|wo|do|does|did|is|are|was|were|should|must|could|would|have|has|had|need)n[’']t",
]
# Negations that flip wherever they stand ("no need for", "it is not true that").
NEGATIONS = [
    r"not (?:true|the case|correct)",
    r"wrong to (?:say|claim|suggest|think|assume)",
    r"(?:does|do|did)(?: not|n[’']t) (?:say|state|claim) that",
    r"(?:a )?(?:myth|mistake|misconception) (?:that|to)",
    r"(?:false|untrue|incorrect) (?:that|to say)",
    r"neither",
    r"(?:should|must)(?: not|n[’']t| never) be (?:the|an?|what)\b",  # a noun predicate, however far its verb: "X should not be the first choice for anyone"
    # the modal is the cue its negator governs ("X should not be stopped abruptly"); "should not exceed X" advises X
    r"(?:should|must)(?: not|n[’']t| never)(?! (?:be )?(?:more|greater|longer|higher|larger|exceed\w*|go (?:over|above|beyond))\b)",
    r"(?:tell|instruct|direct|ask|want|expect)(?:s|ed)? (?:\w+ ){0,2}not to",  # the reporting cue holds its negator: "asks clinicians not to stop"
    r"(?:not|\w+n't) either",  # "X isn't advised; Y isn't either"
    r"(?:not|\w+n[’']t) what",  # "X is not what the panel favours"
    r"(?:not|\w+n[’']t) (?:something|(?:the|an?) (?!only\b)(?:\w+ )?(?:approach|option|choice|one|course|strategy))\b",  # "X is not the option ASH favoured"
]
# Up to this many words may stand between a negator and the cue it governs, none opening a clause of its own: in
# "should not exceed what is needed" the negator governs "exceed", not the "needed" of the clause "what" opens.
NEGATOR_REACH = 3
CLAUSE_OPENERS = r"what|which|who|whom|whose|where|when|whenever|if|unless|because|than|once|while"
# Phrases that make a statement about doing something.
FOR = [
    r"(?<![\w-])(?:→|->|=>)",  # shorthand: "CR1 AYA → transplant"
    r"[✔✓☑]",
    r"recommend(?:s|ed|ing)?",
    r"suggest(?:s|ed|ing)?",
    r"favou?r(?:s|ed|ing)?",
    # "supported by type 2 evidence" grades, and "the supporting evidence" names what grades it
    r"support(?:s|ed|ing(?! (?:evidence|data|studies|trials)\b))?(?!(?: only| \w+ly)? by (?:[\w-]+ ){0,3}(?:evidence|data|studies|trials))",
    r"advis(?:e|es|ed|ing)",
    r"mandat\w*",
    r"endors(?:e|es|ed|ing)",
    r"encourag(?:e|es|ed|ing)",
    r"should",
    r"must",
    r"mandatory",
    r"essential",
    r"obligatory",
    r"always",
    r"prefer(?:s|red)?",
    r"use[sd]?",
    r"using",
    r"giv(?:e|en|ing)",
    r"receiv\w*",
    r"start\w*",
    r"add(?:ed|ing)?",
    r"offer\w*",
    r"switch(?:ing|ed)? to",
    r"substitut\w*",
    r"reinduc(?:e|ed|ing)",
    r"(?:as )?per (?:the )?(?:\w+ ){0,4}guidelines?",
    r"choose|chosen|choosing|select(?:ed|ing)?|opt(?:ed)? for|go with|calls? for",
    r"consider\w*",
    r"indicated",
    r"need(?:s|ed)?",
    r"required?",
    r"benefit\w*",
    r"standard",
    r"reasonable",
    r"(?:useful|helpful|worthwhile)(?= (?:for|to|in) )",  # "MRD testing isn't useful for guiding therapy": negated, against
    r"appropriate",
    r"proceed\w*",
    r"undergo\w*",
    r"transplanted",
    r"appl(?:y|ies|ied)",
    r"extend(?:s|ed)? to",
    r"covers?",
    r"administer\w*",
    r"treat(?:ed|ing)?",
    r"premedicat\w*",
    # Attribution verbs that carry the advice they report ("the guideline tells clinicians to ...", "rec 1 says NSAIDs first").
    r"says(?=\s+[\w\"“'])",  # not "..., the guideline says."
    r"(?:tell|instruct|direct|ask|want|expect)(?:s|ed)? (?:\w+ ){0,2}to",
    r"instructs?",
    r"(?:has|have|had) to",
    r"lean(?:s|ed|ing)? (?:towards?|to)",
    r"insist\w*",
    r"(?:is|are) (?:fine|acceptable|adequate|sufficient|okay|ok)",
    r"replac(?:e|es|ed|ing)",  # the verb ("blinatumomab replaces chemotherapy"), not the noun naming an option
]
INDIVIDUALIZED = [
    r"individuali[sz]\w*",
    r"(?<!no )(?<!not an )individual (?:decisions?|choices?|basis)",
    r"decid(?:e|ed|ing) (?:on|whether|about)",
    r"(?<!no )shared[- ]decision(?:s|[- ]making)?",  # "no shared decision needed" denies one
    r"(?<!no )case[- ]by[- ]case",
    r"tailor\w*",
    r"personali[sz]\w*",
    r"weigh\w*",
]
# Qualifiers that limit a statement to part of the population ("only in high-risk", "may be considered").
SCOPE = [
    r"not routinely",
    r"not always",
    r"not necessarily",
    r"(?:not|n[’']t) (?:mandat\w*|requir\w*|obligatory|compulsory)",  # "does not mandate": not a must, which leaves room
    r"only (?:in|for|when|if)",
    r"except",
    r"unless",
    r"reserved? for",
    r"selected",
    r"high[- ]risk",
    r"higher[- ]risk",
    r"may (?:be|still be)? ?consider\w*",
    r"can be considered",
    r"some patients",
    r"certain patients",
    r"suboptimal",
    r"in some",
]
STRONG = [
    r"insist\w*",
    r"firm(?:est|ly)",
    r"recommends",
    r"(?:we|panel|panels|guidelines?|ASH|they|authors) (?:\w+ )?recommend",
    r"strongly",
    r"strong(?:est)?,? (?:[\w-]+ ){0,2}(?:rec|recommendation|grade)",  # "strong rec", "a strong, category A recommendation"
    r"recommendation (?:is|was) strong",
    r"(?<=[(:,] )strong(?=[),;])|(?<=[(:,])strong(?=[),;])",  # a bare grade given as a label: "peds regimen (strong)", "(ASH, strong)"
]
CONDITIONAL = [
    r"weak(?:ly)?(?! evidence| certainty| quality| data)",
    r"(?:only|merely|just) (?:a |an )?(?:\w+ )?(?:suggestion|option)",
    r"conditional (?:suggestion|option|advice)",
    r"optional",
    r"suggests?",
    r"suggested",
    r"conditionally",
    r"(?<=[(:,] )(?:conditional|weak)(?=[),;])|(?<=[(:,])(?:conditional|weak)(?=[),;])",  # a bare grade given as a label
    r"(?:conditional|weak),? (?:[\w-]+ ){0,2}(?:rec|recommendation|grade)",  # as STRONG's: "conditional rec", "a weak, category B recommendation"
    r"recommendation (?:is|was) (?:conditional|weak)",
]
