package cli

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/ciclo-dev/ciclo/cycle"
	"github.com/ciclo-dev/ciclo/internal/bidi"
	"github.com/ciclo-dev/ciclo/internal/lint"
	"github.com/ciclo-dev/ciclo/internal/msg"
)

// stdinName is how standard input is named in messages.
const stdinName = "<stdin>"

// input is one cycle file to process.
type input struct {
	Name string // as given, or the path found under a directory; "-" for stdin
	Root string // the directory argument it was found under, "" for a file argument
	Rel  string // path relative to Root (slash-separated), for mirroring
	// Empty marks a directory argument without cycle files: reading it
	// fails, so that it is reported like an unreadable file.
	Empty bool
}

// Display is the name used in messages.
func (in input) Display() string {
	if in.Name == "-" {
		return stdinName
	}
	return in.Name
}

// expandInputs turns FILE|DIR|- arguments into inputs. A directory yields
// every *.yaml and *.yml file under it, sorted; one without any gives an
// Empty input, which reading reports (a CI job pointed at the wrong folder
// must not pass). A missing argument is misuse.
//
// A symbolic link found inside a folder argument whose file lies outside
// that folder is skipped with a warning on errOut naming it (in lang):
// the walk gathers the files of the folder, and a planted link
// (x.yaml -> ~/.git-credentials) must not get another file's content
// printed in a parse error. A file named on the command line is read
// wherever it leads: naming it is the user's choice.
func expandInputs(errOut io.Writer, lang string, args []string) ([]input, error) {
	var out []input
	for _, a := range args {
		if a == "-" {
			out = append(out, input{Name: "-"})
			continue
		}
		fi, err := os.Stat(a)
		if err != nil {
			return nil, misusef(lang, "cannot read %s: %w", a, unwrapPath(err))
		}
		if !fi.IsDir() {
			out = append(out, input{Name: a})
			continue
		}
		var found []input
		// A folder argument that is a symbolic link is read like the
		// folder it names (a trailing separator makes the walk follow
		// it); links to folders inside the tree are not followed, so a
		// loop cannot make the walk endless.
		root := a
		if li, err := os.Lstat(a); err == nil && li.Mode()&fs.ModeSymlink != 0 {
			root = a + string(filepath.Separator)
		}
		realRoot, err := filepath.EvalSymlinks(a)
		if err != nil {
			return nil, misusef(lang, "cannot read %s: %w", a, unwrapPath(err))
		}
		err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() {
				if path != root && strings.HasPrefix(d.Name(), ".") {
					return filepath.SkipDir
				}
				return nil
			}
			if !d.Type().IsRegular() && d.Type()&fs.ModeSymlink == 0 {
				return nil // a FIFO or device found in a tree would block or never end
			}
			if d.Type()&fs.ModeSymlink != 0 {
				if fi, err := os.Stat(path); err != nil || !fi.Mode().IsRegular() {
					return nil
				}
			}
			ext := strings.ToLower(filepath.Ext(path))
			if ext != ".yaml" && ext != ".yml" {
				return nil
			}
			if d.Type()&fs.ModeSymlink != 0 && !linkInside(path, realRoot) {
				fmt.Fprintln(errOut, msg.Sprintf(lang, "%s: %s: a link to a file outside %s; skipped (name the file itself to read it)",
					path, lint.SeverityWord(lint.Warning, lang), a))
				return nil
			}
			rel, _ := filepath.Rel(a, path)
			found = append(found, input{Name: path, Root: a, Rel: filepath.ToSlash(rel)})
			return nil
		})
		if err != nil {
			return nil, misusef(lang, "cannot read %s: %w", a, unwrapPath(err))
		}
		if len(found) == 0 {
			out = append(out, input{Name: a, Empty: true})
			continue
		}
		sort.Slice(found, func(i, j int) bool { return found[i].Rel < found[j].Rel })
		out = append(out, found...)
	}
	return out, nil
}

// linkInside reports whether the link at path leads, through every
// link on the way, to a file inside the folder realRoot (already
// resolved).
func linkInside(path, realRoot string) bool {
	target, err := filepath.EvalSymlinks(path)
	if err != nil {
		return false
	}
	rel, err := filepath.Rel(realRoot, target)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}

// unwrapPath drops the *PathError wrapper, whose text repeats the path.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// countCap bounds what is counted of a stream over the size limit, so
// that an endless one (ciclo lint - < /dev/zero) still ends.
const countCap = 512 << 20

// readInput reads one input, bounded by cycle.MaxFileSize. A larger one is
// a cycle.ErrorList giving its real size: the file's length, or what a
// stream holds (counted up to countCap).
func readInput(ios *IOStreams, lang string, in input) ([]byte, error) {
	if in.Empty {
		return nil, misusef(lang, "no *.yaml or *.yml files under %s", in.Name)
	}
	var r io.Reader
	if in.Name == "-" {
		r = ios.In
	} else {
		f, err := os.Open(in.Name)
		if err != nil {
			return nil, misusef(lang, "cannot read %s: %w", in.Name, unwrapPath(err))
		}
		defer f.Close()
		if fi, err := f.Stat(); err == nil && fi.IsDir() {
			return nil, misusef(lang, "cannot read %s: is a directory", in.Name)
		}
		r = f
	}
	data, err := io.ReadAll(io.LimitReader(r, cycle.MaxFileSize+1))
	if err != nil {
		return nil, misusef(lang, "cannot read %s: %w", in.Display(), unwrapPath(err))
	}
	if len(data) <= cycle.MaxFileSize {
		return data, nil
	}
	if f, ok := r.(*os.File); ok {
		if fi, err := f.Stat(); err == nil && fi.Mode().IsRegular() && fi.Size() > cycle.MaxFileSize {
			return nil, cycle.SizeError(in.Display(), fi.Size(), false)
		}
	}
	rest, err := io.Copy(io.Discard, io.LimitReader(r, countCap))
	if err != nil {
		return nil, misusef(lang, "cannot read %s: %w", in.Display(), unwrapPath(err))
	}
	size := int64(len(data)) + rest
	return nil, cycle.SizeError(in.Display(), size, rest == countCap)
}

// loadCycle reads and parses one input. Validation problems come back as a
// cycle.ErrorList; unreadable input as misuse.
func loadCycle(ios *IOStreams, lang string, in input) (*cycle.Cycle, error) {
	data, err := readInput(ios, lang, in)
	if err != nil {
		return nil, err
	}
	return cycle.Parse(in.Display(), data)
}

// printErrors writes validation problems as FILE:LINE:COL: error: MESSAGE,
// MESSAGE in lang ("en" or "es"; "" follows the file's language, see
// cycle.Error.Text).
func printErrors(w io.Writer, err error, lang string) {
	var list cycle.ErrorList
	if errors.As(err, &list) {
		for _, e := range list {
			l := lang
			if l == "" {
				l = e.Lang
			}
			fmt.Fprintf(w, "%s: %s: %s\n", e.Location(), lint.SeverityWord(lint.Error, l), bidi.Strip(e.Text(lang)))
		}
		return
	}
	fmt.Fprintf(w, "ciclo: %v\n", err)
}

// loadOne reads, parses and analyses one cycle for commands that take a
// single FILE; problems are printed to ErrOut, in lang ("" follows the
// file), and turned into exit codes.
func loadOne(ios *IOStreams, name, lang string) (*cycle.Analysis, error) {
	in := input{Name: name}
	if name != "-" {
		if fi, err := os.Stat(name); err != nil {
			return nil, misusef(lang, "cannot read %s: %w", name, unwrapPath(err))
		} else if fi.IsDir() {
			return nil, misusef(lang, "%s is a directory; this command takes one file", name)
		}
	}
	c, err := loadCycle(ios, lang, in)
	if err != nil {
		var ee *exitError
		if errors.As(err, &ee) {
			return nil, err
		}
		printErrors(ios.ErrOut, err, lang)
		return nil, problem()
	}
	return cycle.Analyze(c), nil
}
