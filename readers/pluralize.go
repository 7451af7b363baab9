package readers

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"
)

// pluralize is a port of the npm package pluralize@8 (plural only), which
// the GraphQL transformer uses to name list queries (listTodos) and index
// queries (todosByStatus). Names must match Gen 1's exactly, so the rules,
// their order and the case restoration are copied as they are.
func pluralize(word string) string {
	token := strings.ToLower(word)
	if _, ok := irregularPlurals[token]; ok {
		return restoreCase(word, token)
	}
	if p, ok := irregularSingles[token]; ok {
		return restoreCase(word, p)
	}
	if token == "" || uncountables[token] {
		return word
	}
	for i := len(pluralRules) - 1; i >= 0; i-- {
		r := pluralRules[i]
		m := r.re.FindStringSubmatchIndex(word)
		if m == nil {
			continue
		}
		match := word[m[0]:m[1]]
		result := interpolate(r.repl, word, m)
		if match == "" {
			if m[0] == 0 {
				return word + restoreCase("", result)
			}
			result = restoreCase(word[m[0]-1:m[0]], result)
		} else {
			result = restoreCase(match, result)
		}
		return word[:m[0]] + result + word[m[1]:]
	}
	return word
}

type pluralRule struct {
	re   *regexp.Regexp
	repl string
}

var interpolateRe = regexp.MustCompile(`\$(\d{1,2})`)

// interpolate fills $N with the match's groups, as pluralize's interpolate
// does (a missing group gives "").
func interpolate(repl, word string, m []int) string {
	return interpolateRe.ReplaceAllStringFunc(repl, func(s string) string {
		n, _ := strconv.Atoi(s[1:])
		if 2*n+1 >= len(m) || m[2*n] < 0 {
			return ""
		}
		return word[m[2*n]:m[2*n+1]]
	})
}

// restoreCase gives token the case pattern of word.
func restoreCase(word, token string) string {
	if word == token {
		return token
	}
	if word == strings.ToLower(word) {
		return strings.ToLower(token)
	}
	if word == strings.ToUpper(word) {
		return strings.ToUpper(token)
	}
	r := []rune(word)
	if len(r) > 0 && unicode.IsUpper(r[0]) {
		t := []rune(token)
		if len(t) == 0 {
			return token
		}
		return strings.ToUpper(string(t[0])) + strings.ToLower(string(t[1:]))
	}
	return strings.ToLower(token)
}

var (
	irregularSingles = map[string]string{}
	irregularPlurals = map[string]string{}
	uncountables     = map[string]bool{}
	pluralRules      []pluralRule
)

func init() {
	for _, p := range [][2]string{
		{"I", "we"}, {"me", "us"}, {"he", "they"}, {"she", "they"}, {"them", "them"},
		{"myself", "ourselves"}, {"yourself", "yourselves"}, {"itself", "themselves"},
		{"herself", "themselves"}, {"himself", "themselves"}, {"themself", "themselves"},
		{"is", "are"}, {"was", "were"}, {"has", "have"}, {"this", "these"}, {"that", "those"},
		{"echo", "echoes"}, {"dingo", "dingoes"}, {"volcano", "volcanoes"}, {"tornado", "tornadoes"},
		{"torpedo", "torpedoes"}, {"genus", "genera"}, {"viscus", "viscera"}, {"stigma", "stigmata"},
		{"stoma", "stomata"}, {"dogma", "dogmata"}, {"lemma", "lemmata"}, {"schema", "schemata"},
		{"anathema", "anathemata"}, {"ox", "oxen"}, {"axe", "axes"}, {"die", "dice"}, {"yes", "yeses"},
		{"foot", "feet"}, {"eave", "eaves"}, {"goose", "geese"}, {"tooth", "teeth"}, {"quiz", "quizzes"},
		{"human", "humans"}, {"proof", "proofs"}, {"carve", "carves"}, {"valve", "valves"},
		{"looey", "looies"}, {"thief", "thieves"}, {"groove", "grooves"}, {"pickaxe", "pickaxes"},
		{"passerby", "passersby"},
	} {
		s, pl := strings.ToLower(p[0]), strings.ToLower(p[1])
		irregularSingles[s] = pl
		irregularPlurals[pl] = s
	}
	add := func(re, repl string) {
		pluralRules = append(pluralRules, pluralRule{regexp.MustCompile("(?i)" + re), repl})
	}
	for _, r := range [][2]string{
		{`s?$`, "s"},
		{`[^\x00-\x7F]$`, "$0"},
		{`([^aeiou]ese)$`, "$1"},
		{`(ax|test)is$`, "$1es"},
		{`(alias|[^aou]us|t[lm]as|gas|ris)$`, "$1es"},
		{`(e[mn]u)s?$`, "$1s"},
		{`([^l]ias|[aeiou]las|[ejzr]as|[iu]am)$`, "$1"},
		{`(alumn|syllab|vir|radi|nucle|fung|cact|stimul|termin|bacill|foc|uter|loc|strat)(?:us|i)$`, "$1i"},
		{`(alumn|alg|vertebr)(?:a|ae)$`, "$1ae"},
		{`(seraph|cherub)(?:im)?$`, "$1im"},
		{`(her|at|gr)o$`, "$1oes"},
		{`(agend|addend|millenni|dat|extrem|bacteri|desiderat|strat|candelabr|errat|ov|symposi|curricul|automat|quor)(?:a|um)$`, "$1a"},
		{`(apheli|hyperbat|periheli|asyndet|noumen|phenomen|criteri|organ|prolegomen|hedr|automat)(?:a|on)$`, "$1a"},
		{`sis$`, "ses"},
		{`(?:(kni|wi|li)fe|(ar|l|ea|eo|oa|hoo)f)$`, "$1$2ves"},
		{`([^aeiouy]|qu)y$`, "$1ies"},
		{`([^ch][ieo][ln])ey$`, "$1ies"},
		{`(x|ch|ss|sh|zz)$`, "$1es"},
		{`(matr|cod|mur|sil|vert|ind|append)(?:ix|ex)$`, "$1ices"},
		{`\b((?:tit)?m|l)(?:ice|ouse)$`, "$1ice"},
		{`(pe)(?:rson|ople)$`, "$1ople"},
		{`(child)(?:ren)?$`, "$1ren"},
		{`eaux$`, "$0"},
		{`m[ae]n$`, "men"},
		{`^thou$`, "you"},
	} {
		add(r[0], r[1])
	}
	for _, w := range []string{
		"adulthood", "advice", "agenda", "aid", "aircraft", "alcohol", "ammo", "analytics", "anime",
		"athletics", "audio", "bison", "blood", "bream", "buffalo", "butter", "carp", "cash", "chassis",
		"chess", "clothing", "cod", "commerce", "cooperation", "corps", "debris", "diabetes", "digestion",
		"elk", "energy", "equipment", "excretion", "expertise", "firmware", "flounder", "fun", "gallows",
		"garbage", "graffiti", "hardware", "headquarters", "health", "herpes", "highjinks", "homework",
		"housework", "information", "jeans", "justice", "kudos", "labour", "literature", "machinery",
		"mackerel", "mail", "media", "mews", "moose", "music", "mud", "manga", "news", "only", "personnel",
		"pike", "plankton", "pliers", "police", "pollution", "premises", "rain", "research", "rice",
		"salmon", "scissors", "series", "sewage", "shambles", "shrimp", "software", "species", "staff",
		"swine", "tennis", "traffic", "transportation", "trout", "tuna", "wealth", "welfare", "whiting",
		"wildebeest", "wildlife", "you",
	} {
		uncountables[w] = true
	}
	for _, re := range []string{`pok[eé]mon$`, `[^aeiou]ese$`, `deer$`, `fish$`, `measles$`, `o[iu]s$`, `pox$`, `sheep$`} {
		add(re, "$0")
	}
}
