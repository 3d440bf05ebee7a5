// Package ci holds the test that runs ciclo's GitHub Action (action.yml
// at the repository root) outside GitHub: the action's own steps, read
// from action.yml, with the environment a runner gives them, a fake
// pull_request event payload and a fake GitHub API.
package ci

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	"go.yaml.in/yaml/v3"
)

type action struct {
	Inputs map[string]struct {
		Default string `yaml:"default"`
	} `yaml:"inputs"`
	Runs struct {
		Using string `yaml:"using"`
		Steps []step `yaml:"steps"`
	} `yaml:"runs"`
}

type step struct {
	Name  string            `yaml:"name"`
	ID    string            `yaml:"id"`
	If    string            `yaml:"if"`
	Uses  string            `yaml:"uses"`
	Shell string            `yaml:"shell"`
	Run   string            `yaml:"run"`
	Env   map[string]string `yaml:"env"`
	With  map[string]string `yaml:"with"`
}

// runner plays a GitHub runner for one composite action.
type runner struct {
	t       *testing.T
	root    string // the action's folder (github.action_path)
	dir     string // the workspace: the checked-out repository
	temp    string // RUNNER_TEMP
	env     map[string]string
	inputs  map[string]string
	event   string // github.event_name
	outputs map[string]map[string]string
	path    []string // added by steps through GITHUB_PATH
}

// result of one step: ran or skipped, exit code and output.
type result struct {
	ran  bool
	code int
	out  string
}

var exprRe = regexp.MustCompile(`\$\{\{\s*(.*?)\s*\}\}`)

// value evaluates a context reference of the kinds action.yml uses.
func (r *runner) value(ref string) string {
	switch {
	case strings.HasPrefix(ref, "inputs."):
		return r.inputs[strings.TrimPrefix(ref, "inputs.")]
	case ref == "github.action_path":
		return r.root
	case ref == "github.token":
		return "test-token"
	case ref == "github.event_name":
		return r.event
	case strings.HasPrefix(ref, "steps."):
		parts := strings.Split(ref, ".") // steps.ID.outputs.NAME
		if len(parts) == 4 && parts[2] == "outputs" {
			return r.outputs[parts[1]][parts[3]]
		}
	}
	r.t.Fatalf("action.yml uses %q, which this runner does not know", ref)
	return ""
}

// expand replaces ${{ ref }} in a string.
func (r *runner) expand(s string) string {
	return exprRe.ReplaceAllStringFunc(s, func(m string) string {
		return r.value(exprRe.FindStringSubmatch(m)[1])
	})
}

// cond evaluates an if: a conjunction of !cancelled(), always(),
// success(), ref == 'x' and ref != 'x'. failed tells whether an earlier
// step failed (success() is the default condition).
func (r *runner) cond(s string, failed bool) bool {
	s = strings.TrimSpace(s)
	if m := exprRe.FindStringSubmatch(s); m != nil && m[0] == s {
		s = m[1]
	}
	if s == "" {
		return !failed
	}
	status := false // some status function named
	ok := true
	for _, term := range strings.Split(s, "&&") {
		term = strings.TrimSpace(term)
		switch {
		case term == "!cancelled()" || term == "always()":
			status = true
		case term == "success()":
			status, ok = true, ok && !failed
		case strings.Contains(term, "=="), strings.Contains(term, "!="):
			op := "=="
			if strings.Contains(term, "!=") {
				op = "!="
			}
			lhs, rhs, _ := strings.Cut(term, op)
			v := r.value(strings.TrimSpace(lhs))
			lit := strings.Trim(strings.TrimSpace(rhs), "'")
			ok = ok && ((op == "==") == (v == lit))
		default:
			r.t.Fatalf("if: %q has a term this runner does not know: %q", s, term)
		}
	}
	if !status && failed {
		return false
	}
	return ok
}

// runSteps runs the action's steps as a runner would and returns each
// step's result by name.
func (r *runner) runSteps(a *action) map[string]result {
	results := map[string]result{}
	failed := false
	r.outputs = map[string]map[string]string{}
	for i, s := range a.Runs.Steps {
		if !r.cond(s.If, failed) {
			results[s.Name] = result{}
			continue
		}
		if s.Uses != "" {
			with := map[string]string{}
			for k, v := range s.With {
				with[k] = r.expand(v)
			}
			results[s.Name] = result{ran: true, out: fmt.Sprint(with)}
			r.uses(s.Uses, with)
			continue
		}
		if s.Shell != "bash" {
			r.t.Fatalf("step %q: shell %q; action steps use bash", s.Name, s.Shell)
		}
		outFile := filepath.Join(r.temp, fmt.Sprintf("output-%d", i))
		pathFile := filepath.Join(r.temp, fmt.Sprintf("path-%d", i))
		os.WriteFile(outFile, nil, 0o644)
		os.WriteFile(pathFile, nil, 0o644)
		// GitHub runs bash steps as bash --noprofile --norc -eo pipefail FILE.
		script := filepath.Join(r.temp, fmt.Sprintf("step-%d.sh", i))
		os.WriteFile(script, []byte(r.expand(s.Run)), 0o644)
		cmd := exec.Command("bash", "--noprofile", "--norc", "-eo", "pipefail", script)
		cmd.Dir = r.dir
		env := map[string]string{}
		for k, v := range r.env {
			env[k] = v
		}
		env["PATH"] = strings.Join(append(append([]string{}, r.path...), os.Getenv("PATH")), string(os.PathListSeparator))
		env["GITHUB_ACTION_PATH"] = r.root
		env["GITHUB_OUTPUT"] = outFile
		env["GITHUB_PATH"] = pathFile
		env["RUNNER_TEMP"] = r.temp
		env["GITHUB_EVENT_NAME"] = r.event
		for k, v := range s.Env {
			env[k] = r.expand(v)
		}
		for k, v := range env {
			cmd.Env = append(cmd.Env, k+"="+v)
		}
		out, err := cmd.CombinedOutput()
		res := result{ran: true, out: string(out)}
		if err != nil {
			ee, ok := err.(*exec.ExitError)
			if !ok {
				r.t.Fatalf("step %q: %v", s.Name, err)
			}
			res.code = ee.ExitCode()
			failed = true
		}
		results[s.Name] = res
		if data, _ := os.ReadFile(pathFile); len(data) > 0 {
			for _, p := range strings.Fields(string(data)) {
				r.path = append([]string{p}, r.path...)
			}
		}
		if s.ID != "" {
			r.outputs[s.ID] = map[string]string{}
			data, _ := os.ReadFile(outFile)
			for _, line := range strings.Split(string(data), "\n") {
				if k, v, ok := strings.Cut(line, "="); ok {
					r.outputs[s.ID][k] = v
				}
			}
		}
	}
	return results
}

// uses checks what an action used by ours would get: Go is already
// here (the test runs under it); the SARIF file must be a SARIF log.
func (r *runner) uses(name string, with map[string]string) {
	switch {
	case strings.HasPrefix(name, "actions/setup-go@"):
		if _, err := os.Stat(with["go-version-file"]); err != nil {
			r.t.Errorf("setup-go: go-version-file %q: %v", with["go-version-file"], err)
		}
	case strings.HasPrefix(name, "github/codeql-action/upload-sarif@"):
		data, err := os.ReadFile(with["sarif_file"])
		var log struct {
			Version string
			Runs    []any
		}
		if err != nil || json.Unmarshal(data, &log) != nil || log.Version != "2.1.0" || len(log.Runs) != 1 {
			r.t.Errorf("upload-sarif: %q is not a SARIF log (%v):\n%.300s", with["sarif_file"], err, data)
		}
	default:
		r.t.Errorf("action.yml uses %s, which this test does not know", name)
	}
}

// fakeGitHub records the REST calls of the comment step.
type fakeGitHub struct {
	mu       sync.Mutex
	readOnly bool   // refuses to write, as for a fork's token
	existing string // body of a comment already on the pull request
	calls    []string
	bodies   []string
}

func (g *fakeGitHub) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	g.mu.Lock()
	defer g.mu.Unlock()
	data, _ := io.ReadAll(req.Body)
	g.calls = append(g.calls, req.Method+" "+req.URL.Path+" "+req.Header.Get("Authorization"))
	switch {
	case req.Method == "GET" && req.URL.Path == "/repos/acme/maps/issues/7/comments":
		list := []map[string]any{{"id": 1, "body": "LGTM"}}
		if g.existing != "" {
			list = append(list, map[string]any{"id": 42, "body": g.existing})
		}
		json.NewEncoder(w).Encode(list)
	case g.readOnly && req.Method != "GET":
		http.Error(w, `{"message": "Resource not accessible by integration"}`, http.StatusForbidden)
	case (req.Method == "POST" && req.URL.Path == "/repos/acme/maps/issues/7/comments") ||
		(req.Method == "PATCH" && req.URL.Path == "/repos/acme/maps/issues/comments/42"):
		var c struct{ Body string }
		if err := json.Unmarshal(data, &c); err != nil {
			http.Error(w, "bad json", http.StatusBadRequest)
			return
		}
		g.bodies = append(g.bodies, c.Body)
		w.WriteHeader(http.StatusCreated)
		w.Write([]byte(`{"id": 42}`))
	default:
		http.Error(w, "not found", http.StatusNotFound)
	}
}

func TestActionOnPullRequest(t *testing.T) {
	for _, tool := range []string{"bash", "git", "jq", "curl"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Fatalf("the action needs %s, as GitHub's runners have it: %v", tool, err)
		}
	}
	root, _ := filepath.Abs("..")
	data, err := os.ReadFile(filepath.Join(root, "action.yml"))
	if err != nil {
		t.Fatal(err)
	}
	var a action
	if err := yaml.Unmarshal(data, &a); err != nil {
		t.Fatal(err)
	}
	if a.Runs.Using != "composite" {
		t.Fatalf("runs.using %q, want composite", a.Runs.Using)
	}

	// The pull request: main has the as-is map; the branch replaces it by
	// the to-be map. CI checks out the branch shallow, without main.
	tmp := t.TempDir()
	t.Setenv("GIT_CONFIG_GLOBAL", os.DevNull)
	t.Setenv("GIT_CONFIG_NOSYSTEM", "1")
	for k, v := range map[string]string{"GIT_AUTHOR_NAME": "T", "GIT_AUTHOR_EMAIL": "t@example.com", "GIT_COMMITTER_NAME": "T", "GIT_COMMITTER_EMAIL": "t@example.com"} {
		t.Setenv(k, v)
	}
	git := func(dir string, args ...string) string {
		t.Helper()
		cmd := exec.Command("git", args...)
		cmd.Dir = dir
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
		return strings.TrimSpace(string(out))
	}
	origin := filepath.Join(tmp, "origin.git")
	author := filepath.Join(tmp, "author")
	work := filepath.Join(tmp, "work")
	git(tmp, "init", "-q", "--bare", "-b", "main", origin)
	git(origin, "config", "uploadpack.allowReachableSHA1InWant", "true")
	git(tmp, "clone", "-q", origin, author)
	copyFile(t, filepath.Join(root, "examples", "garantia.yaml"), filepath.Join(author, "maps", "garantia.yaml"))
	git(author, "add", ".")
	git(author, "commit", "-q", "-m", "as-is")
	git(author, "push", "-q", "origin", "main")
	base := git(author, "rev-parse", "HEAD")
	git(author, "checkout", "-q", "-b", "to-be")
	copyFile(t, filepath.Join(root, "examples", "to-be", "garantia.yaml"), filepath.Join(author, "maps", "garantia.yaml"))
	git(author, "commit", "-q", "-am", "to-be")
	git(author, "push", "-q", "origin", "to-be")
	git(tmp, "clone", "-q", "--depth=1", "--branch", "to-be", "file://"+origin, work)
	if out, err := exec.Command("git", "-C", work, "cat-file", "-e", base+"^{commit}").CombinedOutput(); err == nil {
		t.Fatalf("the shallow checkout already has the base commit: %s", out)
	}

	event := filepath.Join(tmp, "event.json")
	os.WriteFile(event, []byte(fmt.Sprintf(`{"action": "synchronize", "number": 7, "pull_request": {"number": 7, "base": {"ref": "main", "sha": %q}}}`, base)), 0o644)
	api := &fakeGitHub{}
	srv := httptest.NewServer(api)
	defer srv.Close()

	r := &runner{t: t, root: root, dir: work, temp: t.TempDir(), event: "pull_request",
		env: map[string]string{
			"HOME": os.Getenv("HOME"), "GOPATH": os.Getenv("GOPATH"), "GOCACHE": goEnv(t, "GOCACHE"), "GOMODCACHE": goEnv(t, "GOMODCACHE"),
			"GOFLAGS": os.Getenv("GOFLAGS"), "GOPROXY": os.Getenv("GOPROXY"), "GOTOOLCHAIN": "local",
			"GIT_CONFIG_GLOBAL": os.DevNull, "GIT_CONFIG_NOSYSTEM": "1",
			"GITHUB_EVENT_PATH": event, "GITHUB_REPOSITORY": "acme/maps", "GITHUB_API_URL": srv.URL,
		},
		inputs: map[string]string{},
	}
	for k, v := range a.Inputs {
		r.inputs[k] = v.Default
	}
	r.inputs["paths"] = "maps"
	r.inputs["diagrams"] = "diagrams"
	r.inputs["token"] = r.expand(r.inputs["token"])

	res := r.runSteps(&a)
	show := func(name string) string {
		return fmt.Sprintf("%q: ran %v, exit %d\n%s", name, res[name].ran, res[name].code, res[name].out)
	}
	if s := res["Install ciclo"]; !s.ran || s.code != 0 || !strings.Contains(s.out, "ciclo ") {
		t.Fatalf("install: %s", show("Install ciclo"))
	}
	// garantia's to-be map lints without errors (warnings only): exit 0.
	if s := res["Lint"]; s.code != 0 || !strings.Contains(s.out, "advertencia") { // the map is in Spanish
		t.Errorf("lint: %s", show("Lint"))
	}
	if !res["Upload lint findings"].ran {
		t.Errorf("SARIF not uploaded: %s", show("Upload lint findings"))
	}
	// No diagrams are committed: the check fails naming the missing one.
	if s := res["Diagrams up to date"]; s.code != 1 || !strings.Contains(s.out, "garantia.svg") {
		t.Errorf("check: %s", show("Diagrams up to date"))
	}
	// The comment step runs although the check failed.
	if s := res["Comment the changes"]; s.code != 0 || !strings.Contains(s.out, "commented on pull request 7") {
		t.Fatalf("comment: %s", show("Comment the changes"))
	}
	if len(api.bodies) != 1 {
		t.Fatalf("calls %v, bodies %d", api.calls, len(api.bodies))
	}
	body := api.bodies[0]
	short := base[:7]
	for _, want := range []string{
		"<!-- ciclo-diff -->\n**Cambios desde `" + short,
		"1 de 1 archivos de ciclo cambiaron (0 nuevos, 0 eliminados).",
		"### `maps/garantia.yaml`",
		"#### Momentos añadidos",
		"#### Criticidad",
	} {
		if !strings.Contains(body, want) {
			t.Errorf("comment body lacks %q:\n%s", want, body)
		}
	}
	if len(body) > 65536 || api.calls[0] != "GET /repos/acme/maps/issues/7/comments Bearer test-token" {
		t.Errorf("body %d bytes, calls %v", len(body), api.calls)
	}

	// The next push updates the same comment instead of adding one.
	api.existing, api.bodies, api.calls = body, nil, nil
	res = r.runSteps(&a)
	if s := res["Comment the changes"]; s.code != 0 || !strings.Contains(s.out, "updated comment 42") || len(api.bodies) != 1 || api.bodies[0] != body {
		t.Errorf("second run: %s\ncalls %v", show("Comment the changes"), api.calls)
	}

	// A fork's read-only token: the API refuses to write; the step fails
	// with 1 and says why.
	api.readOnly, api.bodies, api.calls = true, nil, nil
	res = r.runSteps(&a)
	if s := res["Comment the changes"]; s.code != 1 || !strings.Contains(s.out, "the GitHub API refused PATCH") || !strings.Contains(s.out, "not accessible") {
		t.Errorf("read-only token: %s\ncalls %v", show("Comment the changes"), api.calls)
	}
	api.readOnly = false

	// On a push, no comment step.
	r.event, api.calls = "push", nil
	res = r.runSteps(&a)
	if res["Comment the changes"].ran || len(api.calls) != 0 {
		t.Errorf("push event commented: %v", api.calls)
	}
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	data, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	os.MkdirAll(filepath.Dir(to), 0o755)
	if err := os.WriteFile(to, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

func goEnv(t *testing.T, key string) string {
	out, err := exec.Command("go", "env", key).Output()
	if err != nil {
		t.Fatalf("go env %s: %v", key, err)
	}
	return strings.TrimSpace(string(out))
}
