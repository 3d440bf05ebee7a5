package cycle

import _ "embed"

//go:embed schema.json
var schema []byte

// Schema returns the JSON Schema (draft 2020-12) of the cycle file. Editors
// use it for completion and checks; Parse remains the authority (it also
// checks scores against the file's own scale, ids in next, reachability).
func Schema() []byte { return append([]byte(nil), schema...) }
