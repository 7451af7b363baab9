package datamove

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"sort"
	"strconv"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// Item is one DynamoDB item as the SDK gives it: raw attribute values, never
// converted to Go types, so that numbers, sets and binary stay exact.
type Item = map[string]types.AttributeValue

// MaxItemSize is DynamoDB's item size limit (400 KB).
const MaxItemSize = 400 * 1024

// ItemSize estimates an item's size the way DynamoDB counts it: attribute
// names and values in bytes, numbers by their significant digits, and a few
// bytes of overhead for lists, maps and their elements.
func ItemSize(it Item) int {
	n := 0
	for k, v := range it {
		n += len(k) + valueSize(v)
	}
	return n
}

func valueSize(v types.AttributeValue) int {
	switch v := v.(type) {
	case *types.AttributeValueMemberS:
		return len(v.Value)
	case *types.AttributeValueMemberN:
		return numberSize(v.Value)
	case *types.AttributeValueMemberB:
		return len(v.Value)
	case *types.AttributeValueMemberBOOL, *types.AttributeValueMemberNULL:
		return 1
	case *types.AttributeValueMemberSS:
		n := 0
		for _, s := range v.Value {
			n += len(s)
		}
		return n
	case *types.AttributeValueMemberNS:
		n := 0
		for _, s := range v.Value {
			n += numberSize(s)
		}
		return n
	case *types.AttributeValueMemberBS:
		n := 0
		for _, b := range v.Value {
			n += len(b)
		}
		return n
	case *types.AttributeValueMemberL:
		n := 3
		for _, e := range v.Value {
			n += 1 + valueSize(e)
		}
		return n
	case *types.AttributeValueMemberM:
		n := 3
		for k, e := range v.Value {
			n += 1 + len(k) + valueSize(e)
		}
		return n
	}
	return 0
}

// numberSize is DynamoDB's rule: about one byte per two significant digits,
// plus one.
func numberSize(s string) int {
	digits := 0
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			digits++
		}
	}
	return (digits+1)/2 + 1
}

// MarshalItemJSON encodes an item in DynamoDB's JSON wire format
// ({"id":{"S":"1"},"n":{"N":"1.50"}}), with sorted keys. Numbers keep their
// exact text and binary is base64, so the encoding is lossless.
func MarshalItemJSON(it Item) ([]byte, error) {
	var buf bytes.Buffer
	if err := writeItemJSON(&buf, it); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func writeItemJSON(buf *bytes.Buffer, it Item) error {
	keys := make([]string, 0, len(it))
	for k := range it {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	buf.WriteByte('{')
	for i, k := range keys {
		if i > 0 {
			buf.WriteByte(',')
		}
		writeJSONString(buf, k)
		buf.WriteByte(':')
		if err := writeValueJSON(buf, it[k]); err != nil {
			return fmt.Errorf("attribute %q: %w", k, err)
		}
	}
	buf.WriteByte('}')
	return nil
}

func writeJSONString(buf *bytes.Buffer, s string) {
	b, _ := json.Marshal(s)
	buf.Write(b)
}

func writeStrings(buf *bytes.Buffer, ss []string) {
	buf.WriteByte('[')
	for i, s := range ss {
		if i > 0 {
			buf.WriteByte(',')
		}
		writeJSONString(buf, s)
	}
	buf.WriteByte(']')
}

func writeValueJSON(buf *bytes.Buffer, v types.AttributeValue) error {
	switch v := v.(type) {
	case *types.AttributeValueMemberS:
		buf.WriteString(`{"S":`)
		writeJSONString(buf, v.Value)
	case *types.AttributeValueMemberN:
		buf.WriteString(`{"N":`)
		writeJSONString(buf, v.Value)
	case *types.AttributeValueMemberB:
		buf.WriteString(`{"B":`)
		writeJSONString(buf, base64.StdEncoding.EncodeToString(v.Value))
	case *types.AttributeValueMemberBOOL:
		buf.WriteString(`{"BOOL":` + strconv.FormatBool(v.Value))
	case *types.AttributeValueMemberNULL:
		buf.WriteString(`{"NULL":true`)
	case *types.AttributeValueMemberSS:
		buf.WriteString(`{"SS":`)
		writeStrings(buf, v.Value)
	case *types.AttributeValueMemberNS:
		buf.WriteString(`{"NS":`)
		writeStrings(buf, v.Value)
	case *types.AttributeValueMemberBS:
		buf.WriteString(`{"BS":`)
		enc := make([]string, len(v.Value))
		for i, b := range v.Value {
			enc[i] = base64.StdEncoding.EncodeToString(b)
		}
		writeStrings(buf, enc)
	case *types.AttributeValueMemberL:
		buf.WriteString(`{"L":[`)
		for i, e := range v.Value {
			if i > 0 {
				buf.WriteByte(',')
			}
			if err := writeValueJSON(buf, e); err != nil {
				return err
			}
		}
		buf.WriteByte(']')
	case *types.AttributeValueMemberM:
		buf.WriteString(`{"M":`)
		if err := writeItemJSON(buf, v.Value); err != nil {
			return err
		}
	default:
		return fmt.Errorf("unknown attribute value type %T", v)
	}
	buf.WriteByte('}')
	return nil
}

// UnmarshalItemJSON decodes DynamoDB JSON written by MarshalItemJSON (or by
// the AWS CLI).
func UnmarshalItemJSON(data []byte) (Item, error) {
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(data, &raw); err != nil {
		return nil, err
	}
	return decodeMap(raw)
}

func decodeMap(raw map[string]json.RawMessage) (Item, error) {
	it := make(Item, len(raw))
	for k, r := range raw {
		v, err := decodeValue(r)
		if err != nil {
			return nil, fmt.Errorf("attribute %q: %w", k, err)
		}
		it[k] = v
	}
	return it, nil
}

func decodeValue(data json.RawMessage) (types.AttributeValue, error) {
	var tagged map[string]json.RawMessage
	if err := json.Unmarshal(data, &tagged); err != nil {
		return nil, err
	}
	if len(tagged) != 1 {
		return nil, fmt.Errorf("want exactly one type key (S, N, B, BOOL, NULL, SS, NS, BS, L, M), got %d", len(tagged))
	}
	for t, r := range tagged {
		switch t {
		case "S", "N":
			var s string
			if err := json.Unmarshal(r, &s); err != nil {
				return nil, fmt.Errorf("%s: %w", t, err)
			}
			if t == "S" {
				return &types.AttributeValueMemberS{Value: s}, nil
			}
			return &types.AttributeValueMemberN{Value: s}, nil
		case "B":
			var s string
			if err := json.Unmarshal(r, &s); err != nil {
				return nil, fmt.Errorf("B: %w", err)
			}
			b, err := base64.StdEncoding.DecodeString(s)
			if err != nil {
				return nil, fmt.Errorf("B: %w", err)
			}
			return &types.AttributeValueMemberB{Value: b}, nil
		case "BOOL":
			var b bool
			if err := json.Unmarshal(r, &b); err != nil {
				return nil, fmt.Errorf("BOOL: %w", err)
			}
			return &types.AttributeValueMemberBOOL{Value: b}, nil
		case "NULL":
			return &types.AttributeValueMemberNULL{Value: true}, nil
		case "SS", "NS", "BS":
			var ss []string
			if err := json.Unmarshal(r, &ss); err != nil {
				return nil, fmt.Errorf("%s: %w", t, err)
			}
			switch t {
			case "SS":
				return &types.AttributeValueMemberSS{Value: ss}, nil
			case "NS":
				return &types.AttributeValueMemberNS{Value: ss}, nil
			}
			bs := make([][]byte, len(ss))
			for i, s := range ss {
				b, err := base64.StdEncoding.DecodeString(s)
				if err != nil {
					return nil, fmt.Errorf("BS: %w", err)
				}
				bs[i] = b
			}
			return &types.AttributeValueMemberBS{Value: bs}, nil
		case "L":
			var rs []json.RawMessage
			if err := json.Unmarshal(r, &rs); err != nil {
				return nil, fmt.Errorf("L: %w", err)
			}
			l := make([]types.AttributeValue, len(rs))
			for i, e := range rs {
				v, err := decodeValue(e)
				if err != nil {
					return nil, fmt.Errorf("L[%d]: %w", i, err)
				}
				l[i] = v
			}
			return &types.AttributeValueMemberL{Value: l}, nil
		case "M":
			var m map[string]json.RawMessage
			if err := json.Unmarshal(r, &m); err != nil {
				return nil, fmt.Errorf("M: %w", err)
			}
			it, err := decodeMap(m)
			if err != nil {
				return nil, err
			}
			return &types.AttributeValueMemberM{Value: it}, nil
		default:
			return nil, fmt.Errorf("unknown type key %q", t)
		}
	}
	panic("unreachable")
}
