// A Go team's first calls with the client openapi-generator makes from openapi/cryptocloud.yaml: create an
// invoice, read it back, print what came back as JSON. tests/test_spec_generators.py runs it against the fake.
//
//	go run ./e2e BASE_URL API_KEY SHOP_ID
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"

	cryptocloud "github.com/GIT_USER_ID/GIT_REPO_ID"
)

func main() {
	base, key, shop := os.Args[1], os.Args[2], os.Args[3]
	cfg := cryptocloud.NewConfiguration()
	cfg.Servers = cryptocloud.ServerConfigurations{{URL: base}}
	client := cryptocloud.NewAPIClient(cfg)
	ctx := context.WithValue(context.Background(), cryptocloud.ContextAPIKeys,
		map[string]cryptocloud.APIKey{"ApiKeyAuth": {Key: key, Prefix: "Token"}})

	// Money is a Decimal (the exact text of the JSON number): "100.10" is sent as 100.10, never as a float.
	create := cryptocloud.NewInvoiceCreateRequest(shop, cryptocloud.Decimal("100.10"))
	created, _, err := client.InvoicesAPI.CreateInvoice(ctx).InvoiceCreateRequest(*create).Execute()
	check(err)
	uuid := created.Result.GetUuid()
	read, _, err := client.InvoicesAPI.GetInvoiceInfo(ctx).InvoiceInfoRequest(*cryptocloud.NewInvoiceInfoRequest([]string{uuid})).Execute()
	check(err)
	invoice := read.Result[0]
	status := invoice.Status.InvoiceStatus // a known status decodes into the enum, an unknown one into .String
	out, err := json.Marshal(map[string]any{
		"uuid":           uuid,
		"read_uuid":      invoice.GetUuid(),
		"status":         string(*status),
		"is_created":     *status == cryptocloud.INVOICESTATUS_CREATED,
		"amount_in_fiat": string(invoice.GetAmountInFiat()),
		"amount_usd":     string(invoice.GetAmountUsd()),
	})
	check(err)
	fmt.Println(string(out))
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "error:", err)
		os.Exit(1)
	}
}
