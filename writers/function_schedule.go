package writers

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// schedulePlan is how a Gen 1 schedule reaches Gen 2.
type schedulePlan struct {
	// gen2 is the defineFunction schedule ("every 5m", "0 12 * * ? *"), ""
	// when defineFunction cannot express the Gen 1 expression exactly.
	gen2 string
	// rule is the EventBridge schedule expression for a CDK rule when gen2 is "".
	rule string
	// why explains the choice.
	why string
	// bad is set when the Gen 1 expression is not valid.
	bad string
}

var rateExpr = regexp.MustCompile(`^rate\(\s*(\d+)\s+(minute|minutes|hour|hours|day|days)\s*\)$`)
var cronExpr = regexp.MustCompile(`^cron\((.*)\)$`)

// convertSchedule maps a Gen 1 CloudWatchRule to a defineFunction schedule
// when Gen 2 runs it at the same times, and otherwise to an EventBridge
// rule with the Gen 1 expression (the rule Gen 1 itself deployed).
//
// Gen 2 turns "every Nm" into the cron */N on minutes and "every Nh" into
// */N on hours, so only intervals that divide an hour (or a day) keep
// their meaning; it also rejects rates shorter than the function timeout.
func convertSchedule(expr string, timeout int) schedulePlan {
	expr = strings.TrimSpace(expr)
	if m := rateExpr.FindStringSubmatch(expr); m != nil {
		n, _ := strconv.Atoi(m[1])
		unit := strings.TrimSuffix(m[2], "s")
		if n <= 0 {
			return schedulePlan{bad: "a rate must be a positive number"}
		}
		if (n == 1) != (m[2] == unit) {
			// EventBridge wants "1 minute" and "5 minutes".
			return schedulePlan{rule: expr, why: "EventBridge accepts the expression as written by Gen 1"}
		}
		switch unit {
		case "minute":
			if 60%n == 0 && n*60 >= timeout {
				if n == 60 {
					return schedulePlan{gen2: "every 1h", why: "every hour"}
				}
				return schedulePlan{gen2: fmt.Sprintf("every %dm", n), why: fmt.Sprintf("every %d minutes (Gen 2 runs it at minutes divisible by %d)", n, n)}
			}
			if n*60 < timeout {
				return schedulePlan{rule: expr, why: fmt.Sprintf("Gen 2 rejects a schedule shorter than the function timeout (%d s), so an EventBridge rule runs it like Gen 1", timeout)}
			}
		case "hour":
			if 24%n == 0 {
				return schedulePlan{gen2: fmt.Sprintf("every %dh", n), why: fmt.Sprintf("every %d hours (Gen 2 runs it on the hour)", n)}
			}
		case "day":
			if n == 1 {
				return schedulePlan{gen2: "every day", why: "every day (Gen 2 runs it at 00:00 UTC)"}
			}
		}
		return schedulePlan{rule: expr, why: "Gen 2 schedules repeat within the hour or day, so this interval becomes an EventBridge rule with the Gen 1 expression"}
	}
	if m := cronExpr.FindStringSubmatch(expr); m != nil {
		cron := strings.Join(strings.Fields(m[1]), " ")
		if errs := validateGen2Cron(cron); len(errs) == 0 {
			return schedulePlan{gen2: cron, why: "the Gen 1 cron expression without its cron() wrapper"}
		} else if len(strings.Fields(cron)) == 6 {
			return schedulePlan{rule: "cron(" + cron + ")", why: "Gen 2's schedule check rejects this cron expression (" + errs[0] + "), so an EventBridge rule runs it like Gen 1"}
		}
		return schedulePlan{bad: "a cron expression has six fields: minutes hours day-of-month month day-of-week year"}
	}
	return schedulePlan{bad: "use rate(N minutes|hours|days) or cron(...)"}
}

// validateGen2Cron is Gen 2's check of cron schedules
// (@aws-amplify/backend-function schedule_parser.ts), so that only
// expressions it accepts are written as defineFunction schedules.
func validateGen2Cron(cron string) []string {
	parts := strings.Split(cron, " ")
	if len(parts) != 5 && len(parts) != 6 {
		return []string{"cron expressions have 5 or 6 fields"}
	}
	var errs []string
	check := func(name, v string, min, max int) {
		errs = append(errs, validateCronPart(name, v, min, max)...)
	}
	check("minutes", parts[0], 0, 59)
	check("hours", parts[1], 0, 23)
	if parts[2] != "?" {
		check("day-of-month", parts[2], 1, 31)
	}
	check("month", parts[3], 1, 12)
	if parts[4] != "?" {
		check("day-of-week", parts[4], 1, 7)
	}
	if len(parts) == 6 {
		check("year", parts[5], 1970, 2199)
	}
	if parts[2] != "?" && parts[4] != "?" {
		errs = append(errs, "day-of-month and day-of-week cannot both be set")
	}
	return errs
}

func validateCronPart(name, v string, min, max int) []string {
	if v == "*" {
		return nil
	}
	whole := func(s string) (int, bool) {
		n, err := strconv.Atoi(s)
		return n, err == nil && n >= min && n <= max
	}
	bad := fmt.Sprintf("the %s field %q is not a number between %d and %d", name, v, min, max)
	hasStep, hasRange, hasList := strings.Contains(v, "/"), strings.Contains(v, "-"), strings.Contains(v, ",")
	step := func(s string) bool {
		base, st, _ := strings.Cut(s, "/")
		n, err := strconv.Atoi(st)
		if base == "*" {
			return err == nil && n > 0
		}
		_, ok := whole(base)
		return ok && err == nil && n > 0
	}
	rng := func(s string) bool {
		a, b, _ := strings.Cut(s, "-")
		x, ok1 := whole(a)
		y, ok2 := whole(b)
		return ok1 && ok2 && x <= y
	}
	switch {
	case hasList:
		for _, it := range strings.Split(v, ",") {
			if _, ok := whole(it); !ok {
				return []string{bad}
			}
		}
	case hasStep:
		if !step(v) {
			return []string{bad}
		}
	case hasRange:
		if !rng(v) {
			return []string{bad}
		}
	default:
		if _, ok := whole(v); !ok {
			return []string{bad}
		}
	}
	return nil
}
