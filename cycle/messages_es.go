package cycle

// messagesES translates every validation message and phrase into Spanish,
// keyed by the English format. Keys, ids and values from the file stay as
// they are written; the words are those of ciclo's Spanish reports and lint
// messages (momento, mejora, dolor, puntaje, "¿quiso decir?").
var messagesES = map[string]string{
	// Phrases: pieces of the messages below.
	"the cycle":                      "el ciclo",
	"moment %d":                      "el momento %d",
	"moment %d %s":                   "%[2]s del momento %[1]d",
	"improvement %d of moment %d":    "la mejora %d del momento %d",
	"improvement %d of moment %d %s": "%[3]s de la mejora %[1]d del momento %[2]d",
	"a pain":                         "un dolor",
	"an entry of next":               "una entrada de next",
	"an entry of ignore":             "una entrada de ignore",
	" (the scale is %d)":             " (la escala es de %d)",
	"a mapping":                      "un mapeo",
	"a list":                         "una lista",
	"nothing":                        "nada",
	"something else":                 "otra cosa",

	// The file as a whole.
	"too many problems; stopped after %d":                            "demasiados problemas; se dejó de revisar tras %d",
	"file is %d bytes; the limit is %d bytes (8 MiB)":                "el archivo ocupa %d bytes; el límite es de %d bytes (8 MiB)",
	"file is empty; a cycle needs a title and moments":               "el archivo está vacío; un ciclo necesita un título (title) y momentos (moments)",
	"file holds more than one YAML document; a cycle file holds one": "el archivo contiene más de un documento YAML; un archivo de ciclo contiene uno solo",
	"invalid YAML: %s": "YAML no válido: %s",
	"invalid YAML: %s; use spaces, not tabs, to indent":          "YAML no válido: %s; sangre con espacios, no con tabuladores",
	"invalid YAML: %s; quote text that contains \": \", e.g. %s": "YAML no válido: %s; ponga entre comillas el texto que contiene \": \", p. ej. %s",
	"name: \"Told: no receipt\"":                                 "name: \"Dijo: sin recibo\"",
	"invalid YAML: %s; close the quote":                          "YAML no válido: %s; cierre las comillas",
	"invalid YAML: %s; check the indentation (keys of one mapping, and items of one list, start in the same column) and that every quote and bracket above is closed": "YAML no válido: %s; revise la sangría (las claves de un mismo mapeo, y los elementos de una misma lista, empiezan en la misma columna) y que toda comilla y todo corchete anteriores estén cerrados",
	"invalid YAML: %s; close the brackets: every [ needs a ] and every { a }, on the same line or the lines after":                                                    "YAML no válido: %s; cierre los corchetes: cada [ necesita un ] y cada { un }, en la misma línea o en las siguientes",
	"file is not valid UTF-8: byte 0x%02x":                                                                  "el archivo no es UTF-8 válido: byte 0x%02x",
	"file contains the control character U+%04X, which YAML does not allow":                                 "el archivo contiene el carácter de control U+%04X, que YAML no admite",
	"file holds too many values (more than %d lists, mappings and scalars); a cycle has at most %d moments": "el archivo contiene demasiados valores (más de %d listas, mapeos y escalares); un ciclo tiene como máximo %d momentos",
	"alias chain too long": "cadena de alias demasiado larga",
	"document too large after expanding aliases (more than %d nodes)":     "documento demasiado grande al expandir los alias (más de %d nodos)",
	"a cycle file must be a mapping with a title and moments, found %s":   "un archivo de ciclo debe ser un mapeo con un título (title) y momentos (moments), pero se encontró %s",
	"unsupported version %s; this ciclo reads version %d":                 "versión %s no admitida; esta versión de ciclo lee la versión %d",
	"missing required key \"title\": the service whose cycle this is":     "falta la clave obligatoria \"title\": el servicio cuyo ciclo es este",
	"missing required key \"moments\": a cycle needs at least one moment": "falta la clave obligatoria \"moments\": un ciclo necesita al menos un momento",

	// Mappings and keys.
	"%s must be a mapping, found %s":                                             "%s debe ser un mapeo, pero se encontró %s",
	"keys in %s must be plain words":                                             "las claves en %s deben ser palabras simples",
	"duplicate key %q in %s (first at line %d)":                                  "clave %q repetida en %s (aparece primero en la línea %d)",
	"merge keys (<<) in %s nest more than %d deep":                               "las claves de fusión (<<) en %s se anidan más de %d niveles",
	"a merge key (<<) in %s must name a mapping or a list of mappings, found %s": "una clave de fusión (<<) en %s debe nombrar un mapeo o una lista de mapeos, pero se encontró %s",
	"unknown key %q in %s; did you mean %q?":                                     "clave desconocida %q en %s; ¿quiso decir %q?",
	"unknown key %q in %s; known keys: %s":                                       "clave desconocida %q en %s; claves conocidas: %s",

	// Values.
	"%s must be text, found %s": "%s debe ser texto, pero se encontró %s",
	"%s must be text, found a mapping; quote text that contains \": \", e.g. %s": "%s debe ser texto, pero se encontró un mapeo; ponga entre comillas el texto que contiene \": \", p. ej. %s",
	"%s must not be empty":                                                          "%s no puede estar en blanco",
	"%s is %d characters long; the limit is %d":                                     "%s tiene %d caracteres; el límite es %d",
	"%s leads to %d moments; the limit is %d":                                       "%s lleva a %d momentos; el límite es %d",
	"%s must be a whole number from %d to %d, found %s":                             "%s debe ser un número entero de %d a %d, pero se encontró %s",
	"%s %s is out of range: it must be from %d to %d%s":                             "%s %s está fuera de rango: debe ir de %d a %d%s",
	"%s must be true or false, found %s":                                            "%s debe ser true o false, pero se encontró %s",
	"%s must be true or false, found the text %q; remove the quotes":                "%s debe ser true o false, pero se encontró el texto %q; quite las comillas",
	"%s must be a whole number from %d to %d, found the text %q; remove the quotes": "%s debe ser un número entero de %d a %d, pero se encontró el texto %q; quite las comillas",
	"version must be a number, found the text %q; remove the quotes":                "version debe ser un número, pero se encontró el texto %q; quite las comillas",
	"%s %q is not one of %s; did you mean %q?":                                      "%s %q no es válido: debe ser uno de %s; ¿quiso decir %q?",
	"%s %q is not one of %s":                                                        "%s %q no es válido: debe ser uno de %s",
	"%s must be a list, found %s":                                                   "%s debe ser una lista, pero se encontró %s",
	"url %q must be an http:// or https:// link":                                    "url %q debe ser un enlace http:// o https://",
	"due %q is not a date; write it as YYYY-MM-DD":                                  "due %q no es una fecha; escríbala como AAAA-MM-DD",
	// Scores with decimals.
	"%s must be a number from %d to %d, found %s":                             "%s debe ser un número de %d a %d, pero se encontró %s",
	"%s must be a number from %d to %d, found the text %q; remove the quotes": "%s debe ser un número de %d a %d, pero se encontró el texto %q; quite las comillas",
	"%s %s has more than two decimal places; write it with two at most":       "%s %s tiene más de dos decimales; escríbalo con dos como máximo",

	"%s needs a perceived score": "%s necesita un puntaje perceived (percibido)",

	// Moments and the graph.
	"moments must list at least one moment":                                                         "moments debe incluir al menos un momento",
	"too many moments: %d; the limit is %d":                                                         "demasiados momentos: %d; el límite es %d",
	"duplicate moment id %q (first at line %d)":                                                     "id de momento %q repetido (aparece primero en la línea %d)",
	"moment id %q must use lowercase letters, digits, '-' and '_', starting with a letter or digit": "el id de momento %q solo puede usar minúsculas, dígitos, '-' y '_', y debe empezar por una letra o un dígito",
	"%s has no id":     "%s no tiene id",
	"%s has no name":   "%s no tiene nombre (name)",
	"%s has no action": "%s no tiene acción (action)",
	"next names unknown moment %q; did you mean %q?":                             "next nombra el momento desconocido %q; ¿quiso decir %q?",
	"next names unknown moment %q":                                               "next nombra el momento desconocido %q",
	"moment %q cannot be its own next moment":                                    "el momento %q no puede ser el siguiente de sí mismo",
	"next names %q twice":                                                        "next nombra %q dos veces",
	"moment %q cannot be reached from the first moment %q: check the next lists": "no se puede llegar al momento %q desde el primer momento %q: revise las listas next",
}
