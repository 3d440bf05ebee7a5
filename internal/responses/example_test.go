package responses_test

import (
	"fmt"
	"strings"

	"github.com/ciclo-dev/ciclo/cycle"
	"github.com/ciclo-dev/ciclo/internal/responses"
)

func ExampleAggregate() {
	src := []byte(`title: Clinic
moments:
  - id: desk
    name: Checks in   # front desk
    importance: 4
`)
	c, _ := cycle.Parse("clinic.yaml", src)
	answers := "respondent,desk.importance,desk.performance\n" +
		"1,5,2\n" +
		"2,4,\n" + // a blank answer is skipped
		"3,4,9\n" // 9 is outside 1..5: reported, not counted
	res, err := responses.Aggregate("answers.csv", strings.NewReader(answers), c)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, p := range res.Problems {
		fmt.Println(p.Location()+":", p.Text("en"))
	}
	out, _ := res.Apply(src)
	fmt.Print(string(out))
	// Output:
	// answers.csv:4:5: desk.performance: answer 9 is outside 1..5; not counted
	// title: Clinic
	// moments:
	//   - id: desk
	//     name: Checks in   # front desk
	//     importance: 4.33
	//     performance: 2
	//     sample: 1
}
