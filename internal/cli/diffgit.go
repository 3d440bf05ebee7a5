package cli

// ciclo diff --git REV [PATH]...: the cycle files as committed at REV
// against the working tree.
//
// It runs the git program rather than a Go implementation of git (such as
// go-git): the revision is then read exactly as the user's git reads it
// (origin/main, HEAD~2, tags, @{upstream}, A...B), in every repository
// layout git supports (linked worktrees, submodules, shallow and partial
// clones as CI checkouts make them, sparse checkouts, SHA-256 object
// names), with the user's .gitignore and safe.directory settings; and the
// binary carries no second git. Wherever a repository is there to
// compare, git is installed. Nothing else in ciclo runs a program. Every
// call passes its arguments as a list (no shell), the revision after
// --end-of-options and the paths as literal pathspecs, so no revision or
// file name is read as an option or a pattern. No program the repository's
// configuration names is run (see gitCommand); in a partial clone the
// blobs at REV must be fetched beforehand.

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/ciclo-dev/ciclo/cycle"
	"github.com/ciclo-dev/ciclo/internal/diff"
)

// gitRepo is the repository around the current directory.
type gitRepo struct {
	top string // its top-level directory, symbolic links resolved
}

// git runs the git program in the repository's top directory and returns
// its standard output; a failure carries git's own message.
func (r *gitRepo) git(ctx context.Context, args ...string) ([]byte, error) {
	return runGit(ctx, r.top, args...)
}

// gitCommand is the git program with ciclo's fixed settings: settings
// given with -c come before the repository's own .git/config, so a
// repository cannot turn them back on.
//   - core.fsmonitor=false: git ls-files would otherwise run the program
//     a repository names in core.fsmonitor (a cloned or unpacked
//     repository's .git/config is not the user's choice).
//   - GIT_NO_LAZY_FETCH=1: in a partial clone a missing object would be
//     fetched from the promisor remote, and a fetch runs programs the
//     repository's configuration names (remote.*.uploadpack,
//     core.sshCommand, credential helpers). The user fetches instead.
//   - no pager, no prompts, no lock files written by a read-only command.
//
// ciclo runs only rev-parse, ls-tree, ls-files and cat-file blob: none of
// them runs hooks, textconv, diff.external or clean/smudge filters.
// See "Threat model" in docs/ci.md.
func gitCommand(ctx context.Context, dir string, args ...string) *exec.Cmd {
	cmd := exec.CommandContext(ctx, "git", append([]string{"-c", "core.quotePath=false", "-c", "core.fsmonitor=false"}, args...)...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GIT_PAGER=cat", "GIT_TERMINAL_PROMPT=0", "GIT_OPTIONAL_LOCKS=0", "GIT_NO_LAZY_FETCH=1")
	return cmd
}

func runGit(ctx context.Context, dir string, args ...string) ([]byte, error) {
	cmd := gitCommand(ctx, dir, args...)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Run(); err != nil {
		if errors.Is(err, exec.ErrNotFound) {
			return nil, misuse(errors.New("--git needs the git program, which is not installed or not on PATH"))
		}
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		msg := strings.TrimSpace(errOut.String())
		if msg == "" {
			msg = err.Error()
		}
		return nil, &gitError{msg: msg}
	}
	return out.Bytes(), nil
}

// gitError is git's own message of a failed call.
type gitError struct{ msg string }

func (e *gitError) Error() string { return e.msg }

// openRepo finds the repository around dir.
func openRepo(ctx context.Context, dir string) (*gitRepo, error) {
	out, err := runGit(ctx, dir, "rev-parse", "--show-toplevel")
	var ge *gitError
	if errors.As(err, &ge) {
		if strings.Contains(ge.msg, "safe.directory") {
			// A repository owned by another user: git's own message
			// says how to trust it; ciclo does not trust it for you.
			return nil, misuse(fmt.Errorf("--git: git refuses the repository around %s: %s", dir, ge.msg))
		}
		return nil, misuse(fmt.Errorf("--git: %s is not inside a git repository (or it is a bare one, with no working tree)", dir))
	}
	if err != nil {
		return nil, err
	}
	top := strings.TrimRight(string(out), "\n")
	if real, err := filepath.EvalSymlinks(top); err == nil {
		top = real
	}
	return &gitRepo{top: top}, nil
}

// commit resolves a revision to a commit id.
func (r *gitRepo) commit(ctx context.Context, rev string) (string, error) {
	out, err := r.git(ctx, "rev-parse", "--verify", "--quiet", "--end-of-options", rev+"^{commit}")
	var ge *gitError
	if errors.As(err, &ge) {
		return "", misuse(fmt.Errorf("--git: unknown revision %q in %s (a branch, tag or commit of this repository; fetch it first if it lives on a remote)", rev, r.top))
	}
	if err != nil {
		return "", err
	}
	return strings.TrimSpace(string(out)), nil
}

// pathspecs turns PATH arguments (relative to the current directory) into
// literal pathspecs relative to the top directory; a path outside the
// repository is misuse.
func (r *gitRepo) pathspecs(cwd string, paths []string) ([]string, error) {
	if len(paths) == 0 {
		paths = []string{"."}
	}
	var out []string
	for _, p := range paths {
		abs := p
		if !filepath.IsAbs(abs) {
			abs = filepath.Join(cwd, p)
		}
		real := resolveExisting(abs)
		if !within(r.top, real) {
			return nil, misuse(fmt.Errorf("--git: %s is outside the repository %s", p, r.top))
		}
		rel, _ := filepath.Rel(r.top, real)
		out = append(out, ":(literal)"+filepath.ToSlash(rel))
	}
	return out, nil
}

// resolveExisting resolves symbolic links in the longest existing prefix
// of path (a deleted folder has no links to resolve), so that it can be
// compared with the resolved top directory.
func resolveExisting(path string) string {
	rest := ""
	for p := filepath.Clean(path); ; {
		if real, err := filepath.EvalSymlinks(p); err == nil {
			return filepath.Join(real, rest)
		}
		parent := filepath.Dir(p)
		if parent == p {
			return path
		}
		rest = filepath.Join(filepath.Base(p), rest)
		p = parent
	}
}

// isCycleFile tells whether a repository path names a cycle file as a
// directory walk finds them: *.yaml or *.yml, in no hidden folder.
func isCycleFile(path string) bool {
	ext := strings.ToLower(filepath.Ext(path))
	if ext != ".yaml" && ext != ".yml" {
		return false
	}
	parts := strings.Split(path, "/")
	for _, dir := range parts[:len(parts)-1] {
		if strings.HasPrefix(dir, ".") {
			return false
		}
	}
	return true
}

// nulList splits git's -z output and keeps the cycle files.
func nulList(out []byte) map[string]bool {
	set := map[string]bool{}
	for _, p := range strings.Split(string(out), "\x00") {
		if p != "" && isCycleFile(p) {
			set[p] = true
		}
	}
	return set
}

// committed lists the cycle files under the pathspecs at commit: regular
// files only, as a directory walk reads them; a submodule or a symbolic
// link named *.yaml has no cycle text at REV.
func (r *gitRepo) committed(ctx context.Context, commit string, specs []string) (map[string]bool, error) {
	out, err := r.git(ctx, append([]string{"ls-tree", "-r", "-z", "--full-tree", commit, "--"}, specs...)...)
	if err != nil {
		return nil, fmt.Errorf("--git: listing the files of %s: %w", commit, err)
	}
	return treeFiles(out), nil
}

// treeFiles reads git ls-tree -z output ("MODE TYPE ID\tPATH" records)
// and keeps the cycle files that are regular blobs.
func treeFiles(out []byte) map[string]bool {
	set := map[string]bool{}
	for _, rec := range strings.Split(string(out), "\x00") {
		meta, path, ok := strings.Cut(rec, "\t")
		if !ok || !isCycleFile(path) {
			continue
		}
		if f := strings.Fields(meta); len(f) == 3 && f[1] == "blob" && (f[0] == "100644" || f[0] == "100755") {
			set[path] = true
		}
	}
	return set
}

// working lists the cycle files under the pathspecs in the working tree:
// tracked ones still there, and untracked ones git does not ignore.
func (r *gitRepo) working(ctx context.Context, specs []string) (map[string]bool, error) {
	out, err := r.git(ctx, append([]string{"ls-files", "-z", "--cached", "--others", "--exclude-standard", "--"}, specs...)...)
	if err != nil {
		return nil, fmt.Errorf("--git: listing the working tree: %w", err)
	}
	set := nulList(out)
	for _, p := range slices.Sorted(maps.Keys(set)) {
		abs := filepath.Join(r.top, filepath.FromSlash(p))
		if fi, err := os.Stat(abs); err != nil || !fi.Mode().IsRegular() {
			delete(set, p) // deleted, or not a regular file
			continue
		}
		// A symbolic link in the working tree comes with the branch
		// being compared (a pull request's): one that leads outside the
		// repository could name a secret (~/.git-credentials), and the
		// parse errors would print it into the CI log.
		if real, err := filepath.EvalSymlinks(abs); err != nil || !within(r.top, real) {
			return nil, misuse(fmt.Errorf("--git: %s is a symbolic link that leads outside the repository %s; ciclo does not read it", p, r.top))
		}
	}
	return set, nil
}

// within reports whether path is dir or inside it (both resolved).
func within(dir, path string) bool {
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}

// blob reads a file as committed, bounded like any input: at most
// cycle.MaxFileSize+1 bytes are read (the parser then reports the size)
// and git is stopped there, so a huge blob never sits in memory.
func (r *gitRepo) blob(ctx context.Context, commit, path string) ([]byte, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	cmd := gitCommand(ctx, r.top, "cat-file", "blob", commit+":"+path)
	var errOut bytes.Buffer
	cmd.Stderr = &errOut
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		if errors.Is(err, exec.ErrNotFound) {
			return nil, misuse(errors.New("--git needs the git program, which is not installed or not on PATH"))
		}
		return nil, err
	}
	out, readErr := io.ReadAll(io.LimitReader(stdout, cycle.MaxFileSize+1))
	if len(out) > cycle.MaxFileSize {
		cancel() // the rest is not needed
		_ = cmd.Wait()
		return out, nil
	}
	waitErr := cmd.Wait()
	if readErr == nil && waitErr == nil {
		return out, nil
	}
	msg := strings.TrimSpace(errOut.String())
	if msg == "" {
		msg = errors.Join(readErr, waitErr).Error()
	}
	if strings.Contains(msg, "lazy fetching disabled") || strings.Contains(msg, "promisor remote") {
		return nil, fmt.Errorf("--git: %s at %s is not in this partial clone, and ciclo does not fetch (a fetch runs programs the repository's configuration names); fetch it with git first, e.g. git cat-file -e %s:%s", path, commit, commit, path)
	}
	return nil, fmt.Errorf("--git: reading %s at %s: %w", path, commit, &gitError{msg: msg})
}

// diffGitRun compares each cycle file under the paths as committed at
// opts.Git with the working tree.
func diffGitRun(ctx context.Context, opts *DiffOptions, format string) error {
	cwd, err := os.Getwd()
	if err != nil {
		return misusef(opts.Lang, "--git: %w", err)
	}
	repo, err := openRepo(ctx, cwd)
	if err != nil {
		return err
	}
	commit, err := repo.commit(ctx, opts.Git)
	if err != nil {
		return err
	}
	specs, err := repo.pathspecs(cwd, opts.Paths)
	if err != nil {
		return err
	}
	before, err := repo.committed(ctx, commit, specs)
	if err != nil {
		return err
	}
	after, err := repo.working(ctx, specs)
	if err != nil {
		return err
	}
	all := make([]string, 0, len(before)+len(after))
	for p := range before {
		all = append(all, p)
	}
	for p := range after {
		if !before[p] {
			all = append(all, p)
		}
	}
	sort.Strings(all)
	// A PATH with no cycle file on either side is misuse, as a folder
	// without any is for lint and render: a CI job pointed at the wrong
	// folder must not pass.
	for i, spec := range specs {
		rel := strings.TrimPrefix(spec, ":(literal)")
		if !slices.ContainsFunc(all, func(p string) bool { return rel == "." || p == rel || strings.HasPrefix(p, rel+"/") }) {
			name := "."
			if i < len(opts.Paths) {
				name = opts.Paths[i]
			}
			return misusef(opts.Lang, "--git: no *.yaml or *.yml files under %s, neither at %s nor in the working tree", name, opts.Git)
		}
	}

	ins := make([]input, len(all))
	for i, p := range all {
		ins[i] = input{Name: filepath.Join(repo.top, filepath.FromSlash(p))}
	}
	out := opts.Output
	if out == "" {
		out = "-"
	}
	if err := newGuard(opts.IO, opts.Lang, ins).check("", out, ""); err != nil {
		return err
	}
	var files []diffFile
	invalid := false
	for _, p := range all {
		abs := filepath.Join(repo.top, filepath.FromSlash(p))
		shown := abs
		if rel, err := filepath.Rel(resolveExisting(cwd), abs); err == nil {
			shown = rel
		}
		f := diffFile{path: filepath.ToSlash(shown), status: diff.FileChanged}
		if before[p] {
			data, err := repo.blob(ctx, commit, p)
			if err != nil {
				return err
			}
			f.old, err = parseShown(opts, opts.Git+":"+p, data)
			if isProblem(err) {
				invalid = true
			} else if err != nil {
				return err
			}
		}
		if after[p] {
			data, err := readInput(opts.IO, opts.Lang, input{Name: abs})
			if err != nil {
				return err
			}
			f.new, err = parseShown(opts, shown, data)
			if isProblem(err) {
				invalid = true
			} else if err != nil {
				return err
			}
		}
		files = append(files, f)
	}
	if invalid {
		return problem()
	}
	for i, f := range files {
		switch {
		case f.old == nil:
			files[i].status = diff.FileAdded
			files[i].diff = diff.Compare(blank(f.new), f.new)
		case f.new == nil:
			files[i].status = diff.FileDeleted
			files[i].diff = diff.Compare(f.old, blank(f.old))
		default:
			files[i].diff = diff.Compare(f.old, f.new)
		}
	}
	return writeDiffs(ctx, opts, format, files, opts.Git)
}

// parseShown parses and analyses one version of a file; problems are
// printed as NAME:LINE:COL (NAME is REV:PATH for the committed side).
func parseShown(opts *DiffOptions, name string, data []byte) (*cycle.Analysis, error) {
	c, err := cycle.Parse(name, data)
	if err != nil {
		printErrors(opts.IO.ErrOut, err, opts.Lang)
		return nil, problem()
	}
	return cycle.Analyze(c), nil
}

// blank is a with no moments: the other side of a new or deleted file,
// so that its diff lists every moment as added or removed and no
// setting as changed.
func blank(a *cycle.Analysis) *cycle.Analysis {
	c := *a.Cycle
	c.Moments = nil
	return cycle.Analyze(&c)
}

// diffJSON writes the JSON of a comparison: one diff (README's shape),
// or with --git {"revision", "files": [{"path", "status", "diff"}]}.
func diffJSON(files []diffFile, rev, lang string) ([]byte, error) {
	if rev == "" {
		return files[0].diff.JSON(lang)
	}
	type jsonFile struct {
		Path   string          `json:"path"`
		Status diff.FileStatus `json:"status"`
		Diff   json.RawMessage `json:"diff"`
	}
	doc := struct {
		Revision string     `json:"revision"`
		Files    []jsonFile `json:"files"`
	}{Revision: rev, Files: []jsonFile{}}
	for _, f := range files {
		js, err := f.diff.JSON(lang)
		if err != nil {
			return nil, err
		}
		doc.Files = append(doc.Files, jsonFile{Path: f.path, Status: f.status, Diff: js})
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return nil, fmt.Errorf("encoding diff: %w", err)
	}
	return buf.Bytes(), nil
}
