package exchange_test

import (
	"fmt"

	"github.com/ciclo-dev/ciclo/cycle"
	"github.com/ciclo-dev/ciclo/internal/exchange"
)

// A sheet with Spanish headers, a semicolon separator and a column ciclo
// has no field for: the column is kept in the description and named in a
// note.
func ExampleImport() {
	sheet := "Paso;Responsable;Importancia;Desempeño;Notas\n" +
		"Llama a la central;Call center;5;2;turno noche\n" +
		"Recibe la visita;Técnicos;4;4;\n"
	res, err := exchange.Import("visita.csv", []byte(sheet), exchange.Options{Output: "visita.yaml"})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, n := range res.Notes {
		fmt.Println(n)
	}
	fmt.Print(string(res.YAML))
	// Output:
	// visita.csv:1:40: la columna E "Notas" no corresponde a ningún campo; se guarda en la descripción de cada momento (use --map para asignarla)
	// visita.csv: la hoja no tiene título; el nombre del archivo "visita" es el título
	// # Importado con ciclo import desde visita.csv, momentos en filas.
	// # Vea qué les falta a los datos con: ciclo lint visita.yaml
	// version: 1
	// title: visita
	// language: es
	// scale: 5 # los puntajes van de 1 a 5
	// moments:
	//   # fila 2
	//   - id: llama-a-la-central
	//     name: Llama a la central
	//     description: 'Notas: turno noche'
	//     owner: Call center
	//     importance: 5
	//     performance: 2
	//   # fila 3
	//   - id: recibe-la-visita
	//     name: Recibe la visita
	//     owner: Técnicos
	//     importance: 4
	//     performance: 4
}

// A cycle as a Mermaid journey block for a Markdown page.
func ExampleMermaid() {
	c, err := cycle.Parse("visit.yaml", []byte(`title: Repair visit
moments:
  - {id: call, name: Calls the help line, stage: Before, owner: Call centre, performance: 2}
  - {id: visit, name: "Visit: the technician arrives", stage: During, owner: Field service, performance: 4}
`))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Print(string(exchange.Mermaid(c)))
	// Output:
	// journey
	//     title Repair visit
	//     section Before
	//       Calls the help line: 2: Call centre
	//     section During
	//       Visit - the technician arrives: 4: Field service
}
