package workshop

// The pages' fixed words, in English and Spanish. This is the package's
// one block of user-facing words, kept together so a shared catalogue can
// take them over mechanically.

// facWords are the facilitator's page's words.
type facWords struct {
	Workshop, Join, JoinAt, Code, People, Of     string
	Phase, Reveal, Hide, Scores, File, Room      string
	Moments, N, Importance, Performance, Spread  string
	Hidden, NoRatings, Changes, NoChanges        string
	Became, NoLonger, Improvements, Dots, Voters string
	NoImprovements, Offline, Ratings, HideJoin   string
	ShowJoin, DiagramFile, DiagramRoom, Diagram  string
	KeyCritical, KeyChanged, Dot                 string
	WriteFile, WriteHead, Write, Cancel          string
	Written, ChangedOnDisk, NothingToWrite       string
	RevealDots, HideDots, DotsHidden, Placed     string
	Restarted                                    string
	Phases                                       map[string]string
}

// partWords are the participant's page's words; the page's script reads
// them from the page.
type partWords struct {
	Join, CodeLabel, CodeHint, Joining, Waiting, WaitingLong  string
	MomentOf, Owner, Importance, ImportanceQ, Performance     string
	PerformanceQ, Low, High, Prev, Next, Saved, Saving        string
	Retry, AllDone, AllDoneLong, Voting, VotingLong, DotsLeft string
	Closed, ClosedLong, Offline, NoImprovements, Review       string
	Errors                                                    map[string]string
}

var facVocabulary = map[string]facWords{
	"en": {
		Workshop: "workshop", Join: "Join from your phone", JoinAt: "Open", Code: "Code",
		People: "participants", Of: "of",
		Phase: "Round", Reveal: "Reveal results", Hide: "Hide results",
		Scores: "Scores", File: "File", Room: "Room",
		Moments: "Moments", N: "n", KeyCritical: "critical under the room's scores", KeyChanged: "criticality differs from the file's scores", Importance: "Importance", Performance: "Performance",
		Spread: "range", Hidden: "hidden until you reveal", NoRatings: "no ratings yet",
		Changes: "Criticality under the room's scores", NoChanges: "No moment changes criticality.",
		Became: "becomes critical", NoLonger: "is no longer critical",
		Improvements: "Improvements by dots", Dot: "dot", Dots: "dots", Voters: "voters",
		NoImprovements: "The file lists no open improvements to vote on.",
		Offline:        "Disconnected from ciclo: retrying…", Ratings: "ratings",
		HideJoin: "Hide code", ShowJoin: "Show code",
		DiagramFile: "Diagram: the file's scores", DiagramRoom: "Diagram: the room's medians",
		Diagram:   "Cycle diagram",
		WriteFile: "Write to file…", WriteHead: "Write the room's medians into %s", Write: "Write", Cancel: "Cancel",
		Written:        "Written: the room's scores of %d moments are in %s.",
		ChangedOnDisk:  "%s changed on disk since the workshop began. Nothing is written from here: run ciclo workshop --apply in the terminal to decide.",
		NothingToWrite: "%s already holds the room's scores.",
		RevealDots:     "Reveal dots", HideDots: "Hide dots", DotsHidden: "dots hidden until you reveal them",
		Placed:    "%d of %d dots placed",
		Restarted: "ciclo was restarted: open the facilitator's address it printed in the terminal.",
		Phases: map[string]string{PhaseLobby: "Lobby", PhaseScoring: "Scoring",
			PhaseVoting: "Dot voting", PhaseClosed: "Closed"},
	},
	"es": {
		Workshop: "taller", Join: "Únase desde su teléfono", JoinAt: "Abra", Code: "Código",
		People: "participantes", Of: "de",
		Phase: "Ronda", Reveal: "Mostrar resultados", Hide: "Ocultar resultados",
		Scores: "Puntajes", File: "Archivo", Room: "Sala",
		Moments: "Momentos", N: "n", KeyCritical: "crítico con los puntajes de la sala", KeyChanged: "la criticidad difiere de la del archivo", Importance: "Importancia", Performance: "Desempeño",
		Spread: "rango", Hidden: "ocultos hasta mostrar", NoRatings: "aún sin puntuaciones",
		Changes: "Criticidad con los puntajes de la sala", NoChanges: "Ningún momento cambia de criticidad.",
		Became: "pasa a ser crítico", NoLonger: "deja de ser crítico",
		Improvements: "Mejoras por puntos", Dot: "punto", Dots: "puntos", Voters: "votantes",
		NoImprovements: "El archivo no tiene mejoras abiertas para votar.",
		Offline:        "Sin conexión con ciclo: reintentando…", Ratings: "puntuaciones",
		HideJoin: "Ocultar código", ShowJoin: "Mostrar código",
		DiagramFile: "Diagrama: puntajes del archivo", DiagramRoom: "Diagrama: medianas de la sala",
		Diagram:   "Diagrama del ciclo",
		WriteFile: "Escribir en el archivo…", WriteHead: "Escribir las medianas de la sala en %s", Write: "Escribir", Cancel: "Cancelar",
		Written:        "Escrito: los puntajes de la sala de %d momentos están en %s.",
		ChangedOnDisk:  "%s cambió en el disco desde que empezó el taller. Desde aquí no se escribe: ejecute ciclo workshop --apply en la terminal para decidir.",
		NothingToWrite: "%s ya tiene los puntajes de la sala.",
		RevealDots:     "Mostrar puntos", HideDots: "Ocultar puntos", DotsHidden: "puntos ocultos hasta mostrarlos",
		Placed:    "%d de %d puntos colocados",
		Restarted: "ciclo se reinició: abra la dirección para quien facilita que muestra la terminal.",
		Phases: map[string]string{PhaseLobby: "Espera", PhaseScoring: "Puntuación",
			PhaseVoting: "Votación por puntos", PhaseClosed: "Cerrado"},
	},
}

var partVocabulary = map[string]partWords{
	"en": {
		Join: "Join", CodeLabel: "Join code", CodeHint: "The code on the projector, like ACDE-FGHJ",
		Joining: "Joining…", Waiting: "You're in", WaitingLong: "The facilitator will open the first round in a moment. Keep this page open.",
		MomentOf: "Moment %d of %d", Owner: "Answered by", Importance: "Importance",
		ImportanceQ: "How much does this moment matter to the customer?",
		Performance: "Performance", PerformanceQ: "How well do we handle it today?",
		Low: "low", High: "high", Prev: "Back", Next: "Next", Saved: "Saved", Saving: "Saving…",
		Retry: "Not saved yet: retrying…", AllDone: "All rated, thank you",
		AllDoneLong: "You can change any answer until the facilitator closes the round.",
		Review:      "Review my answers",
		Voting:      "What should we fix first?", VotingLong: "Put your dots on the improvements that matter most. Several dots on one is fine.",
		DotsLeft: "Dots left", Closed: "Thank you", ClosedLong: "The round is closed. Look at the projector.",
		Offline: "Connection lost: retrying…", NoImprovements: "There are no improvements to vote on.",
		Errors: map[string]string{
			"bad-code": "That code is not right. Check the projector.", "rate-limited": "Too many tries. Wait a little and try again.",
			"full": "The workshop is full.", "closed": "This round is closed.", "not-joined": "Please join again.",
			"invalid": "That answer was not accepted.", "too-many": "Too many answers.", "journal": "Not saved: try again.",
		},
	},
	"es": {
		Join: "Entrar", CodeLabel: "Código del taller", CodeHint: "El código del proyector, como ACDE-FGHJ",
		Joining: "Entrando…", Waiting: "Ya está dentro", WaitingLong: "Quien facilita abrirá la primera ronda en un momento. Deje esta página abierta.",
		MomentOf: "Momento %d de %d", Owner: "Responde", Importance: "Importancia",
		ImportanceQ: "¿Cuánto le importa este momento al cliente?",
		Performance: "Desempeño", PerformanceQ: "¿Qué tan bien lo resolvemos hoy?",
		Low: "poco", High: "mucho", Prev: "Atrás", Next: "Siguiente", Saved: "Guardado", Saving: "Guardando…",
		Retry: "Aún sin guardar: reintentando…", AllDone: "Todo puntuado, gracias",
		AllDoneLong: "Puede cambiar cualquier respuesta hasta que se cierre la ronda.",
		Review:      "Revisar mis respuestas",
		Voting:      "¿Qué arreglamos primero?", VotingLong: "Ponga sus puntos en las mejoras que más importan. Puede poner varios en una.",
		DotsLeft: "Puntos restantes", Closed: "Gracias", ClosedLong: "La ronda está cerrada. Mire el proyector.",
		Offline: "Sin conexión: reintentando…", NoImprovements: "No hay mejoras para votar.",
		Errors: map[string]string{
			"bad-code": "Ese código no es correcto. Revise el proyector.", "rate-limited": "Demasiados intentos. Espere un poco.",
			"full": "El taller está completo.", "closed": "Esta ronda está cerrada.", "not-joined": "Vuelva a entrar.",
			"invalid": "No se aceptó esa respuesta.", "too-many": "Demasiadas respuestas.", "journal": "No se guardó: reintente.",
		},
	},
}

// lang returns the page language for a cycle's language.
func lang(l string) string {
	if l == "es" {
		return "es"
	}
	return "en"
}
