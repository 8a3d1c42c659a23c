// Money for the Go client that openapi-generator makes from openapi/cryptocloud.yaml.
//
// The spec marks money `type: number, format: decimal`; generate with
// `--type-mappings number+decimal=Decimal` and copy this file into the generated package (set its package
// name to yours). Decimal keeps the exact digits of the JSON number (never a float32/float64): convert
// with your decimal library of choice, e.g. decimal.NewFromString(string(d)).
package cryptocloud

import "encoding/json"

// Decimal is an amount of money as the exact text of its JSON number.
type Decimal = json.Number

// NullableDecimal is a Decimal that may be JSON null, as the generator's Nullable* types are.
type NullableDecimal struct {
	value *Decimal
	isSet bool
}

func (v NullableDecimal) Get() *Decimal {
	return v.value
}

func (v *NullableDecimal) Set(val *Decimal) {
	v.value = val
	v.isSet = true
}

func (v NullableDecimal) IsSet() bool {
	return v.isSet
}

func (v *NullableDecimal) Unset() {
	v.value = nil
	v.isSet = false
}

func NewNullableDecimal(val *Decimal) *NullableDecimal {
	return &NullableDecimal{value: val, isSet: true}
}

func (v NullableDecimal) MarshalJSON() ([]byte, error) {
	return json.Marshal(v.value)
}

func (v *NullableDecimal) UnmarshalJSON(src []byte) error {
	v.isSet = true
	return json.Unmarshal(src, &v.value)
}
