package datamove

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"sort"
	"strings"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// DigestBuckets is the number of key buckets of a Digest. Items fall into a
// bucket by a hash of their key attributes computed here (scan segments of
// two tables need not hold the same keys), so a mismatch can be narrowed to
// the buckets that differ.
const DigestBuckets = 256

// Digest is an order-independent summary of a table's content: per key
// bucket, the item count and the sum (mod 2^64, in two lanes) of each item's
// hash. Digests of disjoint item sets add up, so segments digest in parallel
// and merge.
type Digest struct {
	Buckets [DigestBuckets]DigestBucket
}

// DigestBucket is one bucket of a Digest.
type DigestBucket struct {
	Count uint64
	Sum   [2]uint64
}

// Add adds one item; key names the key attributes that choose its bucket.
func (d *Digest) Add(it Item, key []string) {
	d.AddHashed(KeyBucket(it, key), ItemHash(it))
}

// AddHashed adds an item already hashed.
func (d *Digest) AddHashed(bucket int, h [sha256.Size]byte) {
	b := &d.Buckets[bucket]
	b.Count++
	b.Sum[0] += binary.BigEndian.Uint64(h[0:8])
	b.Sum[1] += binary.BigEndian.Uint64(h[8:16])
}

// Merge adds another digest into d.
func (d *Digest) Merge(o *Digest) {
	for i := range d.Buckets {
		d.Buckets[i].Count += o.Buckets[i].Count
		d.Buckets[i].Sum[0] += o.Buckets[i].Sum[0]
		d.Buckets[i].Sum[1] += o.Buckets[i].Sum[1]
	}
}

// Count is the number of items.
func (d *Digest) Count() uint64 {
	var n uint64
	for _, b := range d.Buckets {
		n += b.Count
	}
	return n
}

// Sum is the digest as a short hex string for reports.
func (d *Digest) Sum() string {
	h := sha256.New()
	var b [24]byte
	for _, bk := range d.Buckets {
		binary.BigEndian.PutUint64(b[0:], bk.Count)
		binary.BigEndian.PutUint64(b[8:], bk.Sum[0])
		binary.BigEndian.PutUint64(b[16:], bk.Sum[1])
		h.Write(b[:])
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
}

// DiffBuckets lists the buckets whose count or sum differ.
func (d *Digest) DiffBuckets(o *Digest) []int {
	var out []int
	for i := range d.Buckets {
		if d.Buckets[i] != o.Buckets[i] {
			out = append(out, i)
		}
	}
	return out
}

// KeyBucket is the bucket of an item by its key attributes.
func KeyBucket(it Item, key []string) int {
	var buf []byte
	for _, k := range key {
		buf = appendString(buf, k)
		if v, ok := it[k]; ok {
			buf = appendCanonical(buf, v)
		}
	}
	h := sha256.Sum256(buf)
	return int(h[0])
}

// ItemHash hashes an item's canonical encoding.
func ItemHash(it Item) [sha256.Size]byte {
	return sha256.Sum256(Canonical(it))
}

// Canonical encodes an item so that equal content gives equal bytes whatever
// the order of map keys and set elements and however numbers are written
// (DynamoDB Local keeps "007" in nested numbers where DynamoDB trims it).
// Each value is a type tag followed by length-prefixed content.
func Canonical(it Item) []byte {
	return appendMap(make([]byte, 0, 512), it)
}

func appendMap(buf []byte, m map[string]types.AttributeValue) []byte {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	buf = appendUvarint(buf, uint64(len(keys)))
	for _, k := range keys {
		buf = appendString(buf, k)
		buf = appendCanonical(buf, m[k])
	}
	return buf
}

func appendUvarint(buf []byte, n uint64) []byte { return binary.AppendUvarint(buf, n) }

func appendString(buf []byte, s string) []byte {
	buf = appendUvarint(buf, uint64(len(s)))
	return append(buf, s...)
}

func appendBytes(buf []byte, b []byte) []byte {
	buf = appendUvarint(buf, uint64(len(b)))
	return append(buf, b...)
}

// appendSet writes set elements sorted by their encoding.
func appendSet(buf []byte, elems []string) []byte {
	sorted := append([]string(nil), elems...)
	sort.Strings(sorted)
	buf = appendUvarint(buf, uint64(len(sorted)))
	for _, e := range sorted {
		buf = appendString(buf, e)
	}
	return buf
}

func appendCanonical(buf []byte, v types.AttributeValue) []byte {
	switch v := v.(type) {
	case *types.AttributeValueMemberS:
		buf = append(buf, 'S')
		return appendString(buf, v.Value)
	case *types.AttributeValueMemberN:
		buf = append(buf, 'N')
		return appendString(buf, NormalizeNumber(v.Value))
	case *types.AttributeValueMemberB:
		buf = append(buf, 'B')
		return appendBytes(buf, v.Value)
	case *types.AttributeValueMemberBOOL:
		if v.Value {
			return append(buf, 'T')
		}
		return append(buf, 'F')
	case *types.AttributeValueMemberNULL:
		return append(buf, '0')
	case *types.AttributeValueMemberSS:
		buf = append(buf, 's')
		return appendSet(buf, v.Value)
	case *types.AttributeValueMemberNS:
		buf = append(buf, 'n')
		norm := make([]string, len(v.Value))
		for i, s := range v.Value {
			norm[i] = NormalizeNumber(s)
		}
		return appendSet(buf, norm)
	case *types.AttributeValueMemberBS:
		buf = append(buf, 'b')
		elems := make([]string, len(v.Value))
		for i, b := range v.Value {
			elems[i] = string(b)
		}
		return appendSet(buf, elems)
	case *types.AttributeValueMemberL:
		buf = append(buf, 'L')
		buf = appendUvarint(buf, uint64(len(v.Value)))
		for _, e := range v.Value {
			buf = appendCanonical(buf, e)
		}
		return buf
	case *types.AttributeValueMemberM:
		buf = append(buf, 'M')
		return appendMap(buf, v.Value)
	}
	return append(buf, '?')
}

// NormalizeNumber writes a DynamoDB number in one canonical form: sign,
// significant digits without leading or trailing zeros, and a decimal
// exponent ("-1.50" and "-015e-1" both give "-15E-1"; zero gives "0").
// Text that is not a number is returned unchanged behind a "!" so that it can
// never equal a real number.
func NormalizeNumber(s string) string {
	str := strings.TrimSpace(s)
	neg := false
	if str != "" && (str[0] == '-' || str[0] == '+') {
		neg = str[0] == '-'
		str = str[1:]
	}
	mant, exp := str, 0
	if i := strings.IndexAny(str, "eE"); i >= 0 {
		mant = str[:i]
		e, ok := parseExp(str[i+1:])
		if !ok {
			return "!" + s
		}
		exp = e
	}
	intPart, frac := mant, ""
	if i := strings.IndexByte(mant, '.'); i >= 0 {
		intPart, frac = mant[:i], mant[i+1:]
	}
	if intPart == "" && frac == "" {
		return "!" + s
	}
	digits := intPart + frac
	for i := 0; i < len(digits); i++ {
		if digits[i] < '0' || digits[i] > '9' {
			return "!" + s
		}
	}
	exp -= len(frac)
	digits = strings.TrimLeft(digits, "0")
	if digits == "" {
		return "0"
	}
	trimmed := strings.TrimRight(digits, "0")
	exp += len(digits) - len(trimmed)
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	b.WriteString(trimmed)
	b.WriteByte('E')
	b.WriteString(itoa(exp))
	return b.String()
}

func parseExp(s string) (int, bool) {
	neg := false
	if s != "" && (s[0] == '-' || s[0] == '+') {
		neg = s[0] == '-'
		s = s[1:]
	}
	if s == "" || len(s) > 6 {
		return 0, false
	}
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
		n = n*10 + int(s[i]-'0')
	}
	if neg {
		n = -n
	}
	return n, true
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	neg := n < 0
	if neg {
		n = -n
	}
	var b [20]byte
	i := len(b)
	for n > 0 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	if neg {
		i--
		b[i] = '-'
	}
	return string(b[i:])
}
