package exchange

import "fmt"

// tr formats a message in lang: English is the format itself; Spanish is
// looked up in messagesES by the English format. Every format passed to tr,
// note or problem is a literal with a Spanish entry (a test checks it).
func tr(lang, format string, args ...any) string {
	if lang == "es" {
		if es, ok := messagesES[format]; ok {
			format = es
		}
	}
	return fmt.Sprintf(format, args...)
}

// messagesES holds every message, comment and fixed word of this package in
// Spanish, keyed by its English format. (One block, so it can move into a
// shared catalog as it is.)
var messagesES = map[string]string{
	// places and fixed words
	"%s: %s":                "%s: %s",
	"row %d":                "fila %d",
	"column %s":             "columna %s",
	"line %d":               "línea %d",
	"score":                 "puntaje",
	"moments as rows":       "momentos en filas",
	"lanes as rows":         "carriles en filas",
	"Evidence":              "Evidencia",
	"Backstage":             "Tras bambalinas",
	"Support":               "Soporte",
	"FILE":                  "ARCHIVO",
	"(no stage)":            "(sin etapa)",
	"a number from 1 to %d": "un número de 1 a %d",

	// comments written into the cycle file
	"Imported by ciclo import from %s.":             "Importado con ciclo import desde %s.",
	"Check what the data lacks with: ciclo lint %s": "Vea qué les falta a los datos con: ciclo lint %s",
	"Cells that map to no key, kept here:":          "Celdas que no corresponden a ninguna clave, guardadas aquí:",
	"scores run 1..%d":                              "los puntajes van de 1 a %d",
	"scores run 1..%d, converted from %s":           "los puntajes van de 1 a %d, convertidos desde %s",
	"scores converted from 1..%d to 1..5":           "puntajes convertidos de 1..%d a 1..5",

	// notes: the import goes on
	"title taken from this cell: %q":                                                                       "título tomado de esta celda: %q",
	"this row maps to no field; kept as a comment at the top of the file":                                  "esta fila no corresponde a ningún campo; se guarda como comentario al inicio del archivo",
	"column %s %q maps to no field; kept in each moment's description (use --map to map it)":               "la columna %s %q no corresponde a ningún campo; se guarda en la descripción de cada momento (use --map para asignarla)",
	"column %s has no header; its cells are kept in each moment's description":                             "la columna %s no tiene encabezado; sus celdas se guardan en la descripción de cada momento",
	"row label %q maps to no field; kept in each moment's description (use --map to map it)":               "el rótulo de fila %q no corresponde a ningún campo; se guarda en la descripción de cada momento (use --map para asignarlo)",
	"row %d has no label; its cells are kept in each moment's description":                                 "la fila %d no tiene rótulo; sus celdas se guardan en la descripción de cada momento",
	"a second %s for the moment above (%s); kept in its description":                                       "un segundo valor de %s para el momento de arriba (%s); se guarda en su descripción",
	"the sheet says scale %d; --scale %d is used":                                                          "la hoja dice escala %d; se usa --scale %d",
	"read as %s text, not UTF-8; check the accents":                                                        "leído como texto %s, no UTF-8; revise los acentos",
	"--map %q: no column or row label is called that":                                                      "--map %q: ninguna columna ni rótulo de fila se llama así",
	"--map and --sheet are for sheets; a Mermaid journey has neither":                                      "--map y --sheet son para hojas; un journey de Mermaid no tiene ninguno de los dos",
	"--sheet is for workbooks; a CSV file has one sheet":                                                   "--sheet es para libros; un archivo CSV tiene una sola hoja",
	"accessibility text kept as a comment":                                                                 "texto de accesibilidad guardado como comentario",
	"no title in the sheet; the file name %q is the title":                                                 "la hoja no tiene título; el nombre del archivo %q es el título",
	"evidence, backstage and support are kept in each moment's description until ciclo reads them as keys": "la evidencia, lo que ocurre tras bambalinas y el soporte se guardan en la descripción de cada momento hasta que ciclo los lea como claves",
	"id %q is not an id (lowercase letters, digits, - and _); a new one is made from the name":             "%q no es un id (minúsculas, dígitos, - y _); se crea uno a partir del nombre",
	"id %q repeats an earlier moment's; a new one is made from the name":                                   "el id %q repite el de un momento anterior; se crea uno a partir del nombre",

	// problems: nothing is written
	"%s %q is not a number":                       "%s %q no es un número",
	"%s %q: yes or no (sí/no), or leave it blank": "%s %q: sí o no, o déjelo en blanco",
	"%s %s is outside --from-scale %s":            "%s %s está fuera de --from-scale %s",
	"%s %s is outside 1..%d; give --scale N for scores up to N (3..10), or --from-scale LOW..HIGH to convert them":                                                            "%s %s está fuera de 1..%d; indique --scale N para puntajes hasta N (3..10), o --from-scale MIN..MAX para convertirlos",
	"%s has %d moments; a cycle holds at most %d":                                                                                                                             "%s tiene %d momentos; un ciclo admite como máximo %d",
	"%s has more than %d cells; ciclo reads sheets up to that size":                                                                                                           "%s tiene más de %d celdas; ciclo lee hojas hasta ese tamaño",
	"%s: the sheet spans %d rows by %d columns (to %s), more than %d cells; ciclo reads sheets up to that size: delete the far-away cells or copy the moments to a new sheet": "%s: la hoja abarca %d filas por %d columnas (hasta %s), más de %d celdas; ciclo lee hojas hasta ese tamaño: borre las celdas lejanas o copie los momentos en una hoja nueva",
	"this quote is never closed, so the rest of the file would be one cell; close it or remove it":                                                                            "estas comillas nunca se cierran, así que el resto del archivo sería una sola celda; ciérrelas o quítelas",
	"%s: the merged ranges cover more than %d cells in all; ciclo reads sheets up to that size":                                                                               "%s: las celdas combinadas abarcan más de %d celdas en total; ciclo lee hojas hasta ese tamaño",
	"%s has no sheet %q; its sheets: %s":                                                                                                                                      "%s no tiene la hoja %q; sus hojas: %s",
	"%s has no sheets":                                                                                                                                                        "%s no tiene hojas",
	"%s is larger than %d MiB; ciclo reads sheets up to that size":                                                                                                            "%s pesa más de %d MiB; ciclo lee hojas hasta ese tamaño",
	"%s is not UTF-8 text; save the sheet as \"CSV UTF-8\"":                                                                                                                   "%s no es texto UTF-8; guarde la hoja como \"CSV UTF-8\"",
	"%s is not a Mermaid journey: its first line must be \"journey\"":                                                                                                         "%s no es un journey de Mermaid: su primera línea debe ser \"journey\"",
	"%s is not a readable XLSX workbook: %v":                                                                                                                                  "%s no es un libro XLSX legible: %v",
	"%s is not a text CSV file (it holds binary data); save the sheet as \"CSV UTF-8\"":                                                                                       "%s no es un archivo CSV de texto (contiene datos binarios); guarde la hoja como \"CSV UTF-8\"",
	"%s unpacks to more than %d MiB; ciclo refuses it (a sheet of moments is far smaller)":                                                                                    "%s se descomprime en más de %d MiB; ciclo lo rechaza (una hoja de momentos es mucho menor)",
	"%s: no recognisable header: no row and no first column names the moments (moment, step, touchpoint, momento, paso...); name that column, or use --map COLUMN=name": "%s: no hay un encabezado reconocible: ninguna fila ni la primera columna nombra los momentos (momento, paso, punto de contacto, moment, step...); nombre esa columna, o use --map COLUMNA=name",
	"%s: the header is there but no moment below it has a name":                                                     "%s: el encabezado está, pero ningún momento debajo tiene nombre",
	"an improvement's owner, date, pillar or status without its action; write the action in the improvement column": "responsable, fecha, pilar o estado de una mejora sin su acción; escriba la acción en la columna de la mejora",
	"%s %q: a whole number of ratings, at least 1":                                                                  "%s %q: un número entero de valoraciones, al menos 1",
	"closed %q: yes or no":                "cerrado %q: sí o no",
	"due date %q: write it as YYYY-MM-DD": "fecha límite %q: escríbala como AAAA-MM-DD",
	"language %q: use en or es":           "idioma %q: use en o es",
	"not a journey line: want \"Task: score: Actor, Actor\", \"section NAME\" or \"title TEXT\"": "no es una línea de journey: se espera \"Tarea: puntaje: Actor, Actor\", \"section NOMBRE\" o \"title TEXTO\"",
	"not a valid CSV line: %v": "no es una línea CSV válida: %v",
	"pillar %q: one of treatment, processes, responsiveness, organization":                           "pilar %q: uno de trato, procesos de trabajo, rapidez de respuesta, eficiencia organizativa",
	"scale %q: a whole number from 3 to 10":                                                          "escala %q: un número entero de 3 a 10",
	"status %q: one of planned, doing, done":                                                         "estado %q: uno de planificada, en curso, hecha",
	"the cell holds a formula (=%s); ciclo reads values only: copy the sheet and paste it as values": "la celda contiene una fórmula (=%s); ciclo lee solo valores: copie la hoja y péguela como valores",
	"the imported cycle would be invalid: %s":                                                        "el ciclo importado no sería válido: %s",
}
