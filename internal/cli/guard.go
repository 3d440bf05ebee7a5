package cli

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// guard keeps a command's outputs off its inputs. It knows every input of
// the run by the file it finally is (links followed, hard links by
// device and inode through os.SameFile), and every output is checked
// against all of them before anything is written, so no mix of links,
// hard links, "..", mirrored trees and -o can make ciclo write over a
// file it reads. See "Where outputs go" in the README.
type guard struct {
	ios    *IOStreams
	lang   string // language of its refusals; "" is English
	inputs []guarded
}

type guarded struct {
	name string
	fi   fs.FileInfo
}

// newGuard records the inputs of a run; "-" stands for standard input,
// recorded when it is a regular file (ciclo render - -o x.yaml < x.yaml).
func newGuard(ios *IOStreams, lang string, inputs []input) *guard {
	g := &guard{ios: ios, lang: lang}
	for _, in := range inputs {
		if in.Empty {
			continue
		}
		if in.Name == "-" {
			if f, ok := ios.In.(*os.File); ok {
				if fi, err := f.Stat(); err == nil && fi.Mode().IsRegular() {
					g.inputs = append(g.inputs, guarded{stdinName, fi})
				}
			}
			continue
		}
		if fi, err := os.Stat(in.Name); err == nil {
			g.inputs = append(g.inputs, guarded{in.Name, fi})
		}
	}
	return g
}

// input returns the input that is the same file as fi, if any.
func (g *guard) input(fi fs.FileInfo) (string, bool) {
	for _, in := range g.inputs {
		if os.SameFile(in.fi, fi) {
			return in.name, true
		}
	}
	return "", false
}

// check refuses the output target ("-" is standard output) of the input
// from ("" when it has no single one) when it is,
// or leads to, an input, or is a symbolic link that leads nowhere, or
// loops. within, when not "", is the folder the output was placed in
// without being named (beside its input, or inside -o DIR): a link there
// is written through only when the file it names is inside that folder
// too. An output named by -o itself is the user's choice and its link is
// followed wherever it leads.
func (g *guard) check(from, target, within string) error {
	if target == "" {
		return nil
	}
	if target == "-" {
		f, ok := g.ios.Out.(*os.File)
		if !ok {
			return nil
		}
		fi, err := f.Stat()
		if err != nil || !fi.Mode().IsRegular() {
			return nil
		}
		if name, is := g.input(fi); is {
			return misusef(g.lang, "standard output is the input %s itself; redirect it to another file", name)
		}
		return nil
	}
	final, err := finalPath(g.lang, target)
	if err != nil {
		return misuse(err)
	}
	if fi, err := os.Stat(final); err == nil {
		if name, is := g.input(fi); is {
			switch {
			case filepath.Clean(target) != filepath.Clean(name):
				return misusef(g.lang, "the output %s leads to the input %s; ciclo never writes over an input, give -o another name", target, name)
			case from != "" && from != name:
				return misusef(g.lang, "the output of %s would be %s, which is also an input; ciclo never writes over an input, give -o another folder", from, target)
			}
			return misusef(g.lang, "the output %s is the input %s itself; give -o another name", target, name)
		}
	}
	if within != "" {
		root, err := finalPath(g.lang, within)
		if err != nil {
			return misuse(err)
		}
		if !inside(final, root) {
			return misusef(g.lang, "the output %s leads to %s, outside %s, through a symbolic link; ciclo does not follow it there (remove the link, or name the output with -o)", target, final, within)
		}
	}
	return nil
}

// finalPath returns the absolute path of the file path finally names:
// every link followed, in the file itself and in its folders, including
// folders that do not exist yet (they will be created under the deepest
// one that does). A link that leads nowhere or loops is an error, said
// in lang.
func finalPath(lang, path string) (string, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", errorf(lang, "cannot resolve %s: %w", path, err)
	}
	if fi, err := os.Lstat(abs); err == nil && fi.Mode()&fs.ModeSymlink != 0 {
		real, err := filepath.EvalSymlinks(abs)
		if err == nil {
			return real, nil
		}
		if _, serr := os.Stat(abs); serr == nil {
			// A link only the kernel can follow, such as /dev/stdout to
			// /proc/self/fd/1 to "pipe:[...]": it leads to something.
			return abs, nil
		}
		if errors.Is(err, fs.ErrNotExist) {
			dest, _ := os.Readlink(abs)
			return "", errorf(lang, "the output %s is a symbolic link to %s, which does not exist; create that file or remove the link", path, dest)
		}
		return "", errorf(lang, "the output %s is a symbolic link that never reaches a file (it loops); remove the link", path)
	}
	// The file itself is not a link: resolve the deepest folder that
	// exists and keep the rest as given.
	dir, rest := abs, ""
	for {
		real, err := filepath.EvalSymlinks(dir)
		if err == nil {
			return filepath.Join(real, rest), nil
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return "", errorf(lang, "cannot resolve %s: %w", path, unwrapPath(err))
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return abs, nil
		}
		if fi, lerr := os.Lstat(dir); lerr == nil && fi.Mode()&fs.ModeSymlink != 0 {
			return "", errorf(lang, "cannot write %s: %s is a symbolic link that leads nowhere", path, dir)
		}
		rest = filepath.Join(filepath.Base(dir), rest)
		dir = parent
	}
}

// inside reports whether path is root or under it (both absolute and
// resolved).
func inside(path, root string) bool {
	rel, err := filepath.Rel(root, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}
