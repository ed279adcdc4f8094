# ruff: noqa: E501  (one spoken turn per line: the data reads like a transcript)
"""The fictional demo transcripts as data: one turn per line, 'Label: text'.

Names are pseudonyms; persons, quotes and events are invented in the style of the
interviews described in the seed report (chapters 3-6). make_files.py renders them.
"""

CIRKEL = [
    {
        "file": "cirkel-interview-anita.docx",
        "form": "docx",
        "header": [
            "Interview cliënt De Cirkel (Almere Haven)",
            "Datum: 9 maart 2010",
            "Locatie: huiskamer De Cirkel, De Hoven",
            "Duur: 41 minuten",
        ],
        "dialogue": """
I: Fijn dat je tijd hebt. Misschien kun je eerst vertellen hoe je bij De Cirkel terecht bent gekomen?
R: Ja. Nou, ik kreeg een brief van de sociale dienst dat ik moest komen voor een gesprek. Ik dacht eerst, wat willen ze nou weer van me. Ik zat toen al drie jaar in de bijstand, sinds mijn man overleden is. En toen werd ik doorgestuurd naar hier, voor een kennismakingsgesprek met Marieke.
I: Hoe was dat, dat eerste gesprek?
R: Eigenlijk heel anders dan ik had verwacht. Je komt hier binnen en het is gewoon een huiskamer, met een bank en een keukentje, en er stond koffie. Geen balie, geen nummertje trekken. Ik woon twee straten verderop, dus ik kon gewoon lopen. Dat scheelt, want op het gemeentehuis voel ik me altijd een nummer.
I: En wat deed je in die tijd, voordat je hier kwam?
R: Niks eigenlijk. Ik kwam de deur niet uit. Mijn kinderen wonen allebei niet meer thuis, mijn dochter zit in Lelystad, en na de dood van mijn man zat ik de hele dag voor de tv. Soms sprak ik een week lang niemand. Ja, de buurvrouw, als ik de vuilniszak buiten zette.
I: Je hebt toen de empowermenttraining gedaan?
R: Ja, tien weken, van het ROC. Dat was in het begin best eng hoor, met twaalf mensen die je niet kent. Je moest vertellen wat je goed kon en ik wist het gewoon niet. Maar de trainster had zoiets van, je weet het wel, je hebt het alleen nooit gezegd. En toen kwam eruit dat ik vroeger, toen de kinderen klein waren, altijd iedereen hielp met formulieren en met de taal. Ik heb dat talent eigenlijk pas hier ontdekt, zeg maar.
I: Wat heeft de training je verder gebracht?
R: Ik heb geleerd om voor mezelf op te komen, om nee te zeggen ook. En ik heb een cursus computervaardigheden gedaan, dat had ik nooit gedacht, ik kon niet eens een mail sturen. Nu zoek ik zelf dingen op.
I: Je zei net iets over de groep. Hoe is het contact met de anderen?
R: Oh, dat is eigenlijk het belangrijkste. Met Yvonne en Ria uit mijn trainingsgroep ben ik echt bevriend geraakt. We gaan samen naar de markt op vrijdag, en als ik een slechte dag heb dan belt Ria gewoon. Vroeger had ik niemand om mee te praten, nu heb ik er ineens twee vriendinnen bij. Dat is voor mij de reden dat ik blijf komen, eerlijk gezegd.
I: En hoe ziet je week er nu uit?
R: Dinsdag en donderdag ben ik hier, vanaf half tien. Dan moet ik dus op tijd opstaan, douchen, me aankleden. Dat klinkt stom, maar dat deed ik daarvoor gewoon niet. Het geeft mijn week een ritme. En op woensdagmiddag geef ik taalles.
I: Taalles?
R: Ja, aan vijf vrouwen uit de buurt. De trainster had lesboeken geregeld via het ROC. Twee van die vrouwen komen ook hier bij De Cirkel. Ik vond het doodeng de eerste keer, maar het ging goed. Ik ben er best trots op, dat ik dat gewoon doe. Als die ene mevrouw dan zegt, Anita, ik heb zelf de brief van de school gelezen, ja, dan weet je waarom je het doet.
I: Wat betekent dat voor jou, dat je iets voor anderen kunt doen?
R: Dat ik weer nodig ben. Dat ik iets betekenen kan voor de wijk. Ik ben niet alleen maar iemand met een uitkering.
I: Hoe is de rol van Marieke, je klantmanager, daarin?
R: Marieke keek niet naar wat ik allemaal niet kon. Ze zei steeds, je kunt meer dan je denkt. Ze geloofde echt in mij. En ik kan gewoon even bij haar binnenlopen als er iets is, haar kantoortje is hier naast de huiskamer. Toen ik die brief over de huurachterstand kreeg, heeft zij meteen maatschappelijk werk gebeld en dat is nu geregeld.
I: Dus er waren ook problemen waar je hulp bij kreeg.
R: Ja. Na het overlijden van mijn man sliep ik slecht en ik was somber, ik denk eigenlijk depressief. Via Marieke ben ik bij de huisarts en bij maatschappelijk werk terechtgekomen. Als dat niet was opgelost, had ik nooit die taalles kunnen doen.
I: Speelt geld een rol, dat je hier komt?
R: Nee hoor. Voor het geld hoef je het niet te doen, je krijgt er niks extra voor. Ik heb mijn uitkering en dat blijft zo. Betaald werk zit er voor mij niet meer in, ik ben drieënvijftig en ik heb nooit een diploma gehaald.
I: Hoe kijk je naar de toekomst?
R: Ik hoop dat ik hier altijd iets kan blijven doen, die taalles vooral. Ik hoor nu bij de buurt, zeg maar. Mensen groeten me op straat. Dat wil ik niet meer kwijt.
""",
    },
    {
        "file": "cirkel-interview-henk.txt",
        "form": "txt-cp1252",
        "header": [
            "Transcriptie interview cliënt 2 – De Cirkel, Almere",
            "Datum: 11 maart 2010",
            "Opname: henk_maart.wma (48 min.)",
        ],
        "dialogue": """
Interviewer: Henk, kun je vertellen hoe je hier bent begonnen?
Respondent: Moest. Gewoon moeten. Ik kreeg een oproep van de sociale dienst, en de klantmanager daar zei dat het verplicht was. Anders zou ik gekort worden, zei ze. Dus ja, dan ga je.
Interviewer: Hoe voelde dat?
Respondent: Niet leuk natuurlijk. Ik ben negenenvijftig, ik heb dertig jaar in de bouw gewerkt. En dan moet je op je oude dag naar een ‘empowermenttraining’. Ik wist niet eens wat dat woord betekende.
Interviewer: En hoe was die training?
Respondent: Eerlijk? Ik ben geen groepsmens. Al dat praten over je gevoel, dat is niks voor mij. Ik heb er een paar keer over gedacht om gewoon te stoppen. Na vier weken heb ik me twee keer ziek gemeld terwijl ik niet ziek was.
Interviewer: Maar je bent gebleven.
Respondent: Ja. Door Marieke, als ik eerlijk ben. Die heeft me toen gebeld en gezegd, Henk, we hebben een afspraak, en afspraak is afspraak. Maar ze vroeg ook wat er aan de hand was. Ze heeft een pittig gesprek met me gevoerd, maar wel eerlijk. Ze zei niet dat ik morgen weer aan het werk kon, ze weet ook wel dat dat er niet meer in zit met mijn rug.
Interviewer: Je rug?
Respondent: Hernia, twee keer. Ik kan niet meer tillen, niet lang staan. Via De Cirkel ben ik naar de fysiotherapeut gegaan, dat had ik zelf nooit geregeld. Het gaat nu iets beter, ik kan weer een uur achter elkaar iets doen.
Interviewer: Wat doe je nu hier?
Respondent: Ik zit in de groep van de ruildienst. Mensen uit de wijk kunnen spullen ruilen en diensten, en ik repareer fietsen. Dat heb ik zelf voorgesteld. Marieke vroeg wat ik leuk vond en ik zei, ik ben handig, ik sleutel graag. Dus nu staat er in de schuur achter een werkbankje.
Interviewer: Hoe is dat?
Respondent: Goed eigenlijk. Laatst kwam er een jochie met een lekke band, zijn moeder had geen geld voor de fietsenmaker. Dan help je zo’n kind en dat voelt goed. Die moeder kwam de volgende dag met een taart.
Interviewer: Wat heeft het je verder opgeleverd?
Respondent: Ik kom mijn bed weer uit. Vroeger lag ik tot elf uur, want waarom zou je opstaan. Nu ben ik hier om negen uur, drie ochtenden. En de mannen van de ruildienst, Marco en die anderen, daar drink ik koffie mee. We gaan nu ook op zaterdag samen vissen bij het Gooimeer. Dat had ik een jaar geleden niet gedacht.
Interviewer: En thuis, hoe kijken ze daar tegenaan?
Respondent: Ik woon alleen, gescheiden. Mijn maten uit het café vinden het maar onzin. ‘Laat je je nou weer de kaas van het brood eten door de gemeente’, zeggen ze. Daar praat ik dus niet meer over.
Interviewer: Zie je voor jezelf nog een stap naar werk?
Respondent: Nee. Er is hier in Almere toch geen werk, zeker niet nu met de crisis. Jonge jongens uit de bouw staan al op straat, wie neemt er dan een man van bijna zestig met een hernia? En als ik ergens een paar uur zou gaan werken, ga ik erop achteruit, want dan verlies ik mijn toeslagen en de kwijtschelding. Dan ben ik gek.
Interviewer: Dus geld speelt wel een rol.
Respondent: Ja, maar andersom. Voor het geld hoef ik het niet te doen, er valt niks te verdienen. Als ik hier kom is het omdat ik het zelf nu een beetje leuk vind.
Interviewer: Wat zou je tegen de gemeente willen zeggen?
Respondent: Dat ze niet iedereen over één kam moeten scheren. Voor mij is dit goed zo, fietsen maken voor de buurt, een paar ochtenden. Meer zit er niet in en dat moeten ze accepteren. Marieke snapt dat gelukkig.
""",
    },
    {
        "file": "cirkel-focusgroep.vtt",
        "form": "vtt",
        "dialogue": """
Gespreksleider: Welkom allemaal. Fijn dat jullie er zijn. We praten vandaag over jullie ervaringen met De Cirkel. Er zijn geen goede of foute antwoorden. Misschien kunnen we een rondje doen, hoe zijn jullie hier gekomen?
Yvonne: Ik begin wel. Ik kreeg een brief van de sociale dienst dat ik moest komen. Ik had er eigenlijk geen zin in. Maar het was verplicht, dus.
Samira: Bij mij ook. Mijn klantmanager zei, je gaat naar De Cirkel, dat is bij jou om de hoek. Ik dacht, wat moet ik daar. Ik heb drie kinderen, ik heb het druk genoeg.
Ria: Ik was eigenlijk wel blij. Ik zat al jaren thuis, ik was zo eenzaam. Toen ik hoorde dat het in de buurt was, in een gewoon huis, dacht ik, nou, laat ik het proberen.
Petra: Ik werd gestuurd. Verplicht. Net als de meesten hier denk ik.
Marco: Ik ook. Maar ik wil gewoon werken, hè, dat heb ik meteen gezegd. Ik wil niet in zo’n cursus gaan zitten, ik wil een baan.
Gespreksleider: Wat denken jullie dat de gemeente wil met De Cirkel?
Marco: Iedereen zo snel mogelijk uit de uitkering krijgen. Dat is toch waar het om draait. De gemeente moet bezuinigen.
Petra: Ja, maar dat werkt toch niet zo. Ik denk dat ze willen dat je weer meedoet, dat je niet thuis wegkwijnt. Dat is ook zo bij de Wmo, dat je meedoet in de maatschappij. Mijn klantmanager zegt altijd, het gaat om meedoen, niet alleen om werk.
Gespreksleider: En wat levert het jullie zelf op?
Ria: Vriendinnen. Echt waar. Ik had niemand meer en nu ken ik de halve groep. Anita, Yvonne, we zien elkaar ook buiten De Cirkel. We gaan samen naar de markt.
Yvonne: Dat klopt. De groep is het belangrijkste. Als je een keer niet komt, bellen ze je op. Waar was je nou? Dan voel je je gemist. Daardoor kom je ook.
Samira: Bij mij is het anders. Ik heb mijn familie, ik heb genoeg mensen om me heen. Maar mijn schoonfamilie vindt het eigenlijk niks dat ik hier kom. Ze zeggen, je moet bij de kinderen zijn. Tegen mijn kinderen zeg ik gewoon, mama gaat naar school. Maar ik vind het leuk, dus ik kom toch.
Gespreksleider: Petra, jij gaf aan dat je in het begin ook gestuurd werd. Hoe is dat nu?
Petra: Ik geef nu kookles in het buurtcentrum, één keer per week. Dat is via De Cirkel gekomen. De buurtcommissie vroeg of er iemand kon koken voor de ouderenmiddag. Eerst zei ik nee, maar Marieke zei, Petra, jij kunt dat. En het lukte. Nu koken we voor dertig mensen.
Ria: En toen ik Petra dat zag doen dacht ik, als zij dat kan, dan kan ik ook wel iets. Zij was in het begin net zo verlegen als ik. Nu help ik haar op dinsdag in de keuken.
Gespreksleider: Dus jullie leren ook van elkaar?
Yvonne: Ja, heel erg. Je ziet dat iemand die net zo in de put zat als jij, dat die het wel voor elkaar krijgt. Dat geeft moed. In de training hadden we ook een vrouw die vertelde hoe zij het had gedaan, een oud-deelnemer. Die werkt nu als vrijwilliger bij de bibliotheek.
Gespreksleider: Wat doen jullie als groep, na de training?
Yvonne: We hebben een buurtfeest georganiseerd, vorig jaar in september. Dat hadden we zelf bedacht. Springkussen, muziek, iedereen nam wat te eten mee. Er kwamen meer dan honderd mensen.
Petra: Dat was echt geweldig. De buurt zag ons ineens anders, niet als die mensen van de bijstand. Een mevrouw zei, wat fijn dat jullie dit doen voor de wijk.
Marco: Ja, leuk hoor. Maar ik word er niet betaald van. Een feest organiseren, daar koop ik niks voor. Ik wil gewoon een salaris, een eigen inkomen, niet meer elke maand naar die uitkering kijken.
Gespreksleider: Marco, hoe kijk jij daar tegenaan, dat er geen geld tegenover staat?
Marco: Ik doe het omdat het moet. Eerlijk is eerlijk. Ik heb mijn heftruckcertificaat gehaald via de klantmanager, dat wel. Dat was nuttig. Maar er is hier in Almere gewoon geen werk. Ik heb wel vijftig brieven gestuurd. Ze nemen allemaal uitzendkrachten of jonge jongens.
Samira: Maar Marco, je bent wel steeds gekomen.
Marco: Ja, omdat jullie er zijn. Dat geef ik toe. Thuis word ik gek. Hier heb ik gewoon mijn mensen, we drinken koffie, we lachen. Henk en ik gaan zelfs samen vissen.
Gespreksleider: Zijn er ook mensen gestopt?
Ria: Ja, Kees uit onze groep. Die kwam steeds minder en toen niet meer. Hij had veel problemen thuis, met drank ook denk ik. Dat vond ik jammer.
Petra: Hij werd ook niet geholpen met die problemen vond ik. Eerst moet je dat oplossen, dan pas kun je hier iets doen.
Yvonne: Bij mij hebben ze dat wel goed gedaan. Ik had schulden, en via De Cirkel kwam ik bij de schuldhulpverlening. Nu heb ik budgetbeheer en slaap ik weer.
Gespreksleider: Wat vinden jullie van de klantmanagers hier?
Petra: Mag ik nog iets zeggen over die Wmo? Ik had een indicatie voor huishoudelijke hulp, en de klantmanager van De Cirkel en de Wmo-consulent hebben gewoon samen met mij aan tafel gezeten. Dat was de eerste keer dat twee loketten met elkaar praatten.
Gespreksleider: Hoe was dat voor jou?
Petra: Fijn. Anders moet je je verhaal twee keer vertellen, en krijg je van de een te horen dat je moet werken en van de ander dat je rust moet nemen.
Samira: Ze zijn anders dan bij de sociale dienst. Je kunt zo binnenlopen, je hoeft niet eerst te bellen voor een afspraak. Ze kennen je naam.
Yvonne: Ze luisteren echt. Maar ze zijn ook duidelijk. Als je niet komt zonder af te bellen, dan hoor je dat wel. Dat vind ik eigenlijk ook goed, het moet van twee kanten komen.
Gespreksleider: Hoe zien jullie de toekomst?
Ria: Ik wil gewoon blijven meedoen. Misschien vrijwilligerswerk bij het buurtcentrum met Petra. Ik hoef niet de hoogste trap op, maar ik wil niet meer terug naar thuis zitten.
Marco: Een baan. Als magazijnmedewerker met mijn heftruckcertificaat.
Samira: Ik wil de opleiding tot onderwijsassistent doen. Marieke heeft gezegd dat we samen gaan kijken of dat kan met de kinderen. Eerst een stage op de school van mijn dochter.
Yvonne: En ik hoop dat de ruildienst blijft bestaan. Dat hebben we zelf opgezet, met de woningcorporatie. Ik doe de administratie, ik wil dat goed achterlaten voor de volgende groep.
Petra: Ik wil op eigen benen staan. Misschien later een opleiding in de keuken, wie weet.
Gespreksleider: Dank jullie wel allemaal.
""",
    },
    {
        "file": "cirkel-klantmanager-marieke.odt",
        "form": "odt",
        "header": [
            "Interview klantmanager De Cirkel",
            "Datum: 16 maart 2010",
            "Aanwezig: interviewer (I) en klantmanager (KM)",
        ],
        "dialogue": """
I: Kun je beschrijven wat De Cirkel is en wat jouw rol is?
KM: De Cirkel is een activeringscentrum in de wijk De Hoven. We zitten op de begane grond van een gewoon woonhuis: een huiskamer met een keukentje en een klein kantoor. Ik ben een van de twee vaste klantmanagers, ik heb zo’n vijfentwintig mensen in mijn caseload. Die komen via de sociale dienst naar ons toe, ik doe het kennismakingsgesprek en daarna ben ik hun vaste begeleider.
I: Hoe is De Cirkel ingebed in het beleid van de gemeente?
KM: We zijn begonnen als pilot en sinds dit jaar krijgen we structureel subsidie. Het geld komt voor een deel uit het participatiebudget, de WWB-kant, en voor een deel uit de Wmo. Dat is mooi, maar het maakt het soms ook ingewikkeld. Wat ik echt mis is een uitvoeringsplan waarin staat wat we wel en niet doen, en hoeveel budget daarvoor is. Partners in de wijk zijn heel enthousiast en verwachten soms te veel van ons.
I: Met welke partners werken jullie samen?
KM: Het ROC verzorgt de empowermenttraining. Verder het buurtcentrum, de woningcorporatie, maatschappelijk werk, de schuldhulpverlening. Eens in de zes weken is er een sociaal café waar alle professionals uit de wijk aanschuiven. Daar komen vaak vragen uit die we kunnen vertalen in een groepsopdracht, zoals dat buurtfeest. Wat nog niet lukt is contact met werkgevers. We zouden graag met het MKB vrijwilligersplekken opzetten, maar in deze crisis houden bedrijven de boot af.
I: Hoe ga je om met cliënten die niet willen?
KM: De meesten komen hier niet vrijwillig, dat moet je gewoon erkennen. Deelname is verplicht als de sociale dienst dat besluit. We passen geen sancties toe, maar we voeren wel pittige gesprekken. Ik zeg dan: ik verwacht iets van jou, en jij mag ook iets van mij verwachten. Het is een afspraak van twee kanten.
I: Kun je een voorbeeld geven?
KM: Een meneer die na vier weken training steeds afbelde. Ik heb hem gebeld en gezegd, zo werkt het niet, maar ik heb vooral gevraagd wat er speelde. Bleek dat hij last had van zijn rug en zich schaamde in de groep. We hebben toen samen gekeken wat hij wél kon. Hij is handig, en nu repareert hij fietsen voor de ruildienst. Hij is niet meer weggebleven.
I: Wat is volgens jou de kern van jullie aanpak?
KM: Uitgaan van wat mensen kunnen. Veel van onze mensen horen al jaren wat ze allemaal níet kunnen. Ik zeg, vertel eens waar je goed in bent. Dan zie je mensen soms echt opbloeien. Maar je moet ook realistisch blijven. Als iemand zegt, ik wil volgend jaar verpleegkundige zijn, terwijl diegene nog niet eens de deur uit durft, dan zeg ik: laten we eerst kijken of je drie ochtenden hier kunt komen.
I: En de huiskamer, wat doet die?
KM: Die is heel belangrijk. Het is laagdrempelig. Mensen lopen binnen voor koffie, ook als ze geen afspraak hebben. Ik zit hier in de wijk, ik zie mensen op straat. Daardoor vertellen ze me dingen die ze op het kantoor van de sociale dienst nooit zouden vertellen. Over schulden bijvoorbeeld, of over een zoon die in de problemen zit.
I: Wat doe je met zulke problemen?
KM: Als er schulden zijn of psychische problemen, dan pakken we die eerst aan. Ik verwijs naar de schuldhulp of maatschappelijk werk, en ik ga soms mee naar het eerste gesprek. Zorg en activering gaan hier samen. Iemand die ’s nachts wakker ligt van de deurwaarder, die kan zich niet op een training concentreren.
I: Wat zie je gebeuren in de groepen?
KM: Wat mij het meest opvalt is dat mensen vriendschappen sluiten. Veel mensen komen hier binnen in een totaal isolement. Na de training hebben ze ineens een netwerk: ze bellen elkaar, ze doen samen boodschappen. Dat hadden we eerlijk gezegd niet zo gepland, maar het is misschien wel het belangrijkste wat hier gebeurt. Mensen blijven komen voor elkaar.
I: En leren ze ook van elkaar?
KM: Ja. We werken volgens het voor-en-door-principe. Oud-deelnemers komen vertellen hoe het hen verging, en deelnemers geven zelf les aan anderen, zoals Anita met haar taalles. Als iemand uit je eigen straat dat doet, dan denk je: dat kan ik ook.
I: Wat is voor jou een goed resultaat?
KM: Het liefst stromen mensen binnen een jaar door, naar vrijwilligerswerk of een ander traject, een enkeling naar betaald werk. Maar eerlijk gezegd: voor een deel van onze mensen is het al een enorme stap als ze uit hun isolement komen en in de wijk actief zijn. Dan doen ze mee naar vermogen, en dat moet je ook als resultaat zien. Sommigen willen hier nooit meer weg, en dat is dan weer een probleem voor de doorstroom.
""",
    },
]

PARTICIPATIEHUIS = [
    {
        "file": "ph-interview-ingrid.txt",
        "form": "txt-utf8-stamped",
        "header": [
            "Interview deelnemer Participatiehuis Sittard-Geleen",
            "Datum: 20 april 2010, bij de deelnemer thuis",
        ],
        "dialogue": """
Interviewer: Ingrid, hoe ben je bij het Participatiehuis gekomen?
Ingrid: Via mijn klantmanager van de sociale dienst. Die had me aangemeld. Toen was er een gesprek met haar, met mij en met Lies, mijn coach. Ze legden uit wat het was. Ik zat er echt niet op te wachten, dat zeg ik eerlijk. Ik had toen net de diagnose angststoornis gekregen.
Interviewer: Wat gebeurde er daarna?
Ingrid: Lies kwam bij mij thuis. Dat vond ik heel fijn, want ik kwam toen bijna de deur niet uit. Ze zat hier aan de keukentafel, dronk koffie en vroeg gewoon hoe het met me ging. Met de kinderen, met het geld, met alles. Niet alleen over werk.
Interviewer: En wat kwam daaruit?
Ingrid: We hebben samen een plan gemaakt. Een persoonlijk plan heet dat. Daar stond in wat ik zelf wilde. Ik zei, ik wil iets met dieren, dat is altijd mijn droom geweest. En dat heeft ze opgeschreven en ze zei, daar gaan we naartoe werken, maar eerst stap voor stap.
Interviewer: Stap voor stap?
Ingrid: Ja, eerst de schulden. Ik had een flinke schuld bij de energie en de zorgverzekering. De Kredietbank zit hier in hetzelfde gebouw, dus Lies liep gewoon met mij naar boven. Nu zit ik in een schuldregeling. Dat was echt een last van mijn schouders. En ik ben naar de GGZ gegaan voor de angst.
Interviewer: Heb je ook het interne programma gevolgd?
Ingrid: Ja, vier weken. Sporten, koken, EHBO, veiligheid in huis, budgetbeheer. Voor het sporten kregen we eerst sportkleding, dat vond ik heel attent, want dat had ik niet. Ik heb mijn EHBO-diploma gehaald. Mijn eerste diploma ooit. Ik heb het ingelijst, het hangt in de gang.
Interviewer: Hoe was het om in een groep te zitten?
Ingrid: Eng. De eerste dag heb ik bijna omgedraaid bij de deur. Maar er zaten twee vrouwen bij, Nicole en Sandra, die hadden net zulke dingen meegemaakt. We wandelen nu elke week samen, op maandag. Ze zijn echt vriendinnen geworden. Als ik een slechte week heb, sturen ze een berichtje. Zonder hen was ik misschien al gestopt.
Interviewer: Wat doe je nu?
Ingrid: Ik ben vrijwilligster bij het dierenasiel, twee ochtenden in de week. Honden uitlaten, hokken schoonmaken, soms de balie. Lies heeft dat geregeld via de vrijwilligersbank. Ik sta om zeven uur op, breng de kinderen naar school en fiets erheen. Ik heb weer een reden om op te staan.
Interviewer: Wat betekent dat werk voor je?
Ingrid: Alles. Die dieren hebben mij nodig. En de mensen daar waarderen me, ze zeggen, Ingrid, zonder jou redden we het niet op dinsdag. Dat heb ik in jaren niet gehoord.
Interviewer: Hoe is je band met Lies?
Ingrid: Ze heeft tijd voor me. Dat is het belangrijkste. Ze zegt nooit, ik moet door naar de volgende. Ze ziet wat ik wel kan. Toen ik zei, ik kan dat niet, bij het asiel, zei ze, jij kunt dat. En ze had gelijk. Maar ze is ook eerlijk, ze zei, werken op de balie fulltime, dat is nu nog te veel, laten we eerst kijken of twee ochtenden lukt.
Interviewer: Je zei eerder dat het verplicht was. Merk je dat nog?
Ingrid: In het begin wel. Er stond in de brief dat mijn uitkering gekort kon worden als ik niet meewerkte. Dat vond ik dreigend. Maar Lies heeft gezegd, we maken samen afspraken, en die nakomen doen we allebei. Zij belt terug als ze dat zegt. Dan doe ik ook wat ik beloof.
Interviewer: Hoe reageert je omgeving?
Ingrid: Mijn moeder past op de kinderen als ik naar het asiel ga. Zonder haar kon ik het niet. Mijn ex-man vond het maar niks, maar daar heb ik gelukkig niks meer mee te maken.
Interviewer: Hoe zie je de toekomst?
Ingrid: Ik zou graag betaald werk willen bij een dierenpension of een dierenwinkel. Lies zegt dat er misschien een opleiding dierverzorging kan via het ROC. Maar ik haast me niet. Ik ben al zo ver gekomen, twee jaar geleden kwam ik de deur niet uit.
""",
    },
    {
        "file": "ph-interview-jos.docx",
        "form": "docx-table",
        "header": [
            "Interview deelnemer Participatiehuis – respondent Jos",
            "Datum: 22 april 2010",
        ],
        "dialogue": """
I: Jos, hoe lang doe je al mee met het Participatiehuis?
Jos: Ruim een jaar nu. Ik ben in het begin ingestroomd, een van de eersten. Daarvoor zat ik negen jaar in de bijstand. Na mijn scheiding ben ik helemaal weggezakt, met de drank ook. Daar ben ik nu vanaf, al drie jaar.
I: Hoe ging het in het begin?
Jos: Ik was wantrouwig. Ik dacht, het zoveelste project van de gemeente. Ik heb al drie re-integratietrajecten gehad en die hebben niks opgeleverd. Sollicitatiebrieven schrijven, terwijl iedereen weet dat er voor mij geen werk is.
I: Wat was er deze keer anders?
Jos: Mijn coach, Lies, vroeg wat ik vroeger graag deed. Ik zei, schilderen. Niet huizen, maar schilderijen. Dat heb ik altijd gedaan, tot het misging. En toen heeft ze een basisset schilderspullen voor me gekocht. Van het budget van het Participatiehuis. Dat heeft nog nooit iemand voor me gedaan, echt waar.
I: En wat doe je nu met dat schilderen?
Jos: Ik geef elke woensdagmiddag schilderles in het buurthuis in Geleen. Aan ouderen vooral, en aan een paar kinderen. Twaalf mensen. Ik had nooit gedacht dat ik voor een groep kon staan. De eerste keer trilden mijn handen. Maar het ging goed, en nu komen ze elke week terug.
I: Wat geeft je dat?
Jos: Dat ik iets terugdoe. Ik heb jaren van de gemeenschap geleefd, zeg maar. Nu geef ik iets terug aan de buurt. Die oude mensen, die zitten anders alleen thuis. Een mevrouw van tachtig heeft haar eerste schilderij aan haar kleinkind gegeven, die was zo trots.
I: Je zei dat er voor jou geen werk is. Hoe zie je dat?
Jos: Kijk, in Zuid-Limburg is het gewoon slecht. De mijnen zijn al lang dicht, DSM heeft mensen ontslagen. Er is vraag in de zorg, dat zeggen ze steeds, maar ik ben geen verzorgende. Met mijn verleden en mijn leeftijd, eenenvijftig, sta je achteraan.
I: Zou je betaald werk willen?
Jos: Natuurlijk zou ik dat willen, wie niet. Maar het moet wel lonen. Ze boden me een baantje aan van twintig uur in een magazijn, tijdelijk. Ik heb het uitgerekend: met het verlies van mijn huurtoeslag en de kwijtschelding hou ik minder over dan nu. Dan ga ik erop achteruit. Dus dat heb ik niet gedaan.
I: Hoe reageerde je coach daarop?
Jos: Die begreep het wel. Ze was eerlijk, ze zei, Jos, dat magazijn is ook niet echt iets voor jou, laten we kijken of we het schilderen kunnen uitbouwen. Ze zegt niet zomaar wat ik wil horen. Als iets niet realistisch is, zegt ze dat.
I: Hoe kijk jij naar wat de gemeente met het Participatiehuis wil?
Jos: De gemeente wil iedereen zo snel mogelijk aan het werk. Dat is het doel, dat zie je aan alles. Maar ik vind: iedereen doet toch al mee in de samenleving? Ik doe mee. Ik geef les, ik help mijn buurman met zijn tuin. Moet alles dan geld opleveren? Waarom telt dat niet als meedoen?
I: Merk je iets van de regels?
Jos: Ja. Als je niet meewerkt, word je gekort op je uitkering. Dat staat er gewoon. Bij mij is het nooit gebeurd, maar ik ken een jongen die drie keer niet kwam opdagen en toen honderd euro minder had. Dat is hard, maar ja, voor wat hoort wat. Het Participatiehuis geeft je veel, dan mag je ook iets terugdoen.
I: Heb je nog contact met andere deelnemers?
Jos: Met een paar mensen uit mijn groep. Bert en ik drinken soms koffie op de markt. Niet heel veel, ik ben meer een einzelgänger. Maar het is fijn om te weten dat er mensen zijn die hetzelfde hebben meegemaakt.
I: Wat wil je nog bereiken?
Jos: Ik wil gewoon blijven lesgeven en misschien een expositie in het buurthuis, met het werk van de cursisten. Op eigen benen staan, zonder dat ik elke maand moet verantwoorden wat ik doe. Ik ben nu drie jaar droog en ik heb een plek. Dat wil ik vasthouden.
""",
    },
    {
        "file": "ph-focusgroep.txt",
        "form": "txt-cp1252",
        "header": [
            "FOCUSGROEP PARTICIPATIEHUIS SITTARD-GELEEN",
            "Datum: 27 april 2010",
            "Aanwezig: gespreksleider (GL), Truus, Bert, Nicole, Sandra en Roy",
            "Transcriptie: letterlijk, namen zijn gefingeerd",
        ],
        "dialogue": """
GL: Goedemiddag allemaal. Ik wil het vandaag met jullie hebben over het Participatiehuis, wat het voor jullie betekent. Wie wil er beginnen?
TRUUS: Nou, ik wel. Ik ben Truus, ik ben zestig. Ik zat na de dood van mijn moeder, voor wie ik jaren heb gezorgd, helemaal alleen. Ik sprak niemand. Het Participatiehuis heeft me uit mijn isolement gehaald, zo simpel is het.
BERT: Bij mij was het de drank. Mijn coach heeft me eerst naar de verslavingszorg gebracht. Zonder dat had de rest geen zin gehad. Eerst die problemen opruimen, dan pas kun je verder.
NICOLE: Ik had schulden, veel schulden. Die Kredietbank zit hier boven en mijn coach liep gewoon met me mee. Dat scheelt zoveel, dat je niet weer ergens anders naartoe moet en je verhaal opnieuw moet vertellen.
SANDRA: En bij mij mijn gebit. Klinkt gek, hè. Maar ik durfde niet te lachen, ik hield mijn hand voor mijn mond. Mijn coach heeft geregeld dat ik een nieuw gebit kreeg. Sindsdien durf ik weer mensen aan te kijken. Zonder dat was ik nooit op sollicitatiegesprek gegaan.
ROY: Ja, heel mooi allemaal. Maar ik moet eerlijk zeggen, ik zit hier omdat het moet. Anders korten ze me. Dat is de enige reden.
GL: Roy, kun je daar iets meer over vertellen?
ROY: Wat valt er te vertellen. Ik kreeg een brief, ik moest komen. Ik heb die sportlessen gedaan, koken, EHBO. Prima. Maar ik wil gewoon werk. Ik heb hier al drie keer een vacature gezien die ik wilde, en drie keer was het niks. Ik ben gewoon niet goed genoeg, zeggen ze dan. Dan denk ik op een gegeven moment, waarom doe ik nog moeite.
GL: Hoe kijken de anderen daartegen aan?
NICOLE: Ik snap wat Roy bedoelt. Maar bij mij is het juist begonnen met kleine dingen. Eerst die cursus, dan een keer per week vrijwilligerswerk bij Stichting Leergeld. Daar help ik ouders met weinig geld met spullen voor school. Ik voel me daar echt nuttig.
SANDRA: En toen ik Nicole dat zag doen, dacht ik, als zij dat kan met al haar schulden, dan kan ik het ook. Zij zat in hetzelfde schuitje als ik. Nu werk ik sinds twee maanden als vrijwilliger in de bibliotheek.
GL: Wat betekent de groep voor jullie?
TRUUS: Heel veel. We zien elkaar nu ook buiten het Participatiehuis. Ingrid, Nicole, Sandra en ik, we wandelen op maandag. En we bellen elkaar als er iets is. Ik had niemand meer, nu heb ik weer mensen. Dat hadden ze bij de gemeente denk ik niet bedacht, maar dat is voor mij het belangrijkste.
NICOLE: Ja, echt. Je begrijpt elkaar. Je hoeft niet uit te leggen waarom je een slechte dag hebt.
BERT: Ik ben niet zo van de groep. Maar het is wel gezellig, dat geef ik toe. Jos en ik drinken soms een bakje koffie.
GL: Hoe is het contact met de coaches?
SANDRA: Mijn coach heeft tijd voor me. Ze komt bij me thuis, ze kent mijn kinderen. Ze zegt altijd: “we kijken naar wat je wel kunt, niet naar wat je niet kunt.”
TRUUS: Bij mij ook. Mijn coach heeft geregeld dat ik een fiets kreeg, zodat ik naar het buurthuis kan. Dat is toch maatwerk. Bij de sociale dienst kreeg ik altijd te horen: ‘dat valt niet onder de regels’.
ROY: Nou, mijn coach is ook wel aardig hoor. Maar die heeft veertig mensen, die kan ook niet alles. Ik zie haar eens in de drie weken.
BERT: En die regels blijven gewoon. Ik heb een werkervaringsplek in het verzorgingshuis, met loonkostensubsidie, en nu moet ik alles drie keer invullen, voor de sociale dienst, voor het UWV, voor de instelling. Dat zijn allemaal verschillende loketten. Dat zou toch één loket moeten zijn.
GL: Bert, kun je iets meer vertellen over die plek?
BERT: Ik werk in de keuken van het verzorgingshuis, twintig uur. Met begeleiding van een jobcoach. Ik krijg nu voor het eerst in tien jaar een loonstrookje. Daar ben ik trots op. Er is hier in de zorg veel vraag naar mensen, dat is mijn geluk geweest.
ROY: Ja, in de zorg. Maar niet iedereen wil in de zorg werken. Ik ben metaalbewerker. Daar is in Limburg niks meer van over.
GL: Roy, heb je er ooit aan gedacht om te stoppen?
ROY: Ja, vorige maand. Ik ben twee weken niet gekomen. Toen kreeg ik een brief over een maatregel. Toen ben ik maar weer gegaan. Mijn coach heeft me wel gebeld, dat moet ik zeggen. Ze vroeg hoe het echt ging. Toen heb ik verteld dat het thuis niet lekker loopt.
SANDRA: Zie je, dat bedoel ik. Ze luisteren wel.
ROY: Ja, ze luisteren. Maar werk krijg ik er niet van.
GL: Wat hebben jullie geleerd in het intern programma?
TRUUS: Ik heb leren koken voor één persoon. Klinkt raar, maar na mijn moeder kookte ik gewoon niet meer. Nu kook ik elke dag, en op woensdag kookt onze groep samen in het buurthuis.
SANDRA: Budgetbeheer. Ik wist niet dat je een overzicht kon maken van wat er binnenkomt en wat eruit gaat. Nu weet ik aan het eind van de maand nog wat ik heb.
BERT: En het is ook gewoon structuur. Elke dag om negen uur ergens zijn. Ik was dat helemaal kwijt, na al die jaren.
GL: Wat levert het financieel op, meedoen?
NICOLE: Ik krijg een vrijwilligersvergoeding van het Leergeld, een paar tientjes. Dat is mooi meegenomen, maar daar doe ik het niet voor.
BERT: Bij mij scheelt het wel. Met die loonkostensubsidie zit ik er net iets boven. Niet veel, maar ik hoef niet meer elke maand bij de sociale dienst aan te kloppen. Dat voelt als onafhankelijk.
TRUUS: Voor mij maakt het niks uit. Ik ben zestig, ik ga geen baan meer vinden. Maar ik wil er wel bij horen. Meedoen, weet je wel.
GL: Merken mensen in jullie buurt iets van wat jullie doen?
SANDRA: Ja, bij de bibliotheek kennen de kinderen me nu. Ze roepen mijn naam als ik binnenkom. Dat had ik een jaar geleden niet kunnen bedenken, toen zat ik met de gordijnen dicht.
NICOLE: Bij het Leergeld komen ouders terug om te bedanken. Een moeder zei, dankzij jou kon mijn zoon mee op kamp. Dan weet je dat je ertoe doet.
ROY: Ik help mijn buurvrouw met haar boodschappen, dat deed ik altijd al. Dat telt voor de gemeente blijkbaar niet mee, want het staat niet in een plan.
GL: Tot slot: wat zouden jullie willen bereiken?
NICOLE: Over twee jaar een echte baan. Bij een kinderopvang misschien.
SANDRA: Gewoon zelfstandig zijn. Niet meer afhankelijk.
TRUUS: Blijven meedoen. Mijn wandelgroep houden, mijn vrijwilligerswerk. Naar vermogen, zeggen ze dan toch?
ROY: Werk. Dat zeg ik al de hele tijd.
""",
    },
    {
        "file": "ph-coach-lies.odt",
        "form": "odt",
        "header": [
            "Interview participatiecoach Participatiehuis",
            "Datum: 21 april 2010",
        ],
        "dialogue": """
Interviewer: Lies, wat doe je als participatiecoach?
Lies: Ik begeleid mensen uit de bijstand die een grote afstand tot de arbeidsmarkt hebben, meestal op trede één of twee van de participatieladder. Na de aanmelding door de klantmanager van de sociale dienst hebben we een driegesprek en daarna ga ik op huisbezoek. Dat huisbezoek is cruciaal. Aan de keukentafel hoor je in een uur meer dan in vijf gesprekken op kantoor.
Interviewer: Wat doe je met wat je daar hoort?
Lies: Ik maak een persoonlijk plan, voor het re-integratiedeel en voor de zorg. Dat plan maken we samen. Ik vraag wat iemand zelf wil, wat iemand goed kan. Bij de een is dat schilderen, bij de ander iets met dieren. De gemeente geeft ons daarin veel ruimte. Ik heb weleens een schilderset gekocht, een fiets, en een keer hebben we bijgedragen aan een gebit. Dat klinkt gek voor een re-integratieproject, maar als iemand niet durft te lachen, gaat die ook niet solliciteren.
Interviewer: Hoe verhoudt de zorg zich tot de re-integratie?
Lies: Dat gaat hand in hand. Veel mensen hebben een combinatie van problemen: schulden, psychische klachten, verslaving, soms huiselijk geweld. Die moet je eerst aanpakken. We hebben korte lijnen met de verslavingszorg en de GGZ, en de Kredietbank zit in hetzelfde gebouw. Bij de koffieautomaat regel je soms meer dan in een formeel overleg.
Interviewer: Hoe zie je de rol van de gemeente?
Lies: De gemeente neemt de regie, maar doet eigenlijk niets nieuws. Alle trainingsonderdelen worden ingekocht bij lokale partners: de sportschool, het ROC voor koken, een BHV-bureau voor de veiligheid. Wij zorgen dat iemand de totale situatie van een cliënt in beeld heeft. Dat had vroeger niemand. Wat wel lastig is, is dat de WWB en de Wmo nog steeds twee werelden zijn. Twee budgetten, twee soorten regels. Voor een fiets moet ik een ander potje aanspreken dan voor een cursus.
Interviewer: En de caseload?
Lies: Die is gestegen, van achtentwintig naar zevenendertig per fte in een half jaar. Dat merk je. De tijd en aandacht die we mensen willen geven, die staat onder druk. En juist dat is wat werkt.
Interviewer: Hoe benader je je cliënten?
Lies: Positief, maar eerlijk. Ik zeg: ik zie wat jij kan. Mensen zijn zo gewend dat alleen hun problemen besproken worden. Maar ik overvraag ze ook niet. Ik zeg liever: laten we beginnen met twee ochtenden, dan met een fulltime plek die na drie weken mislukt. Want een mislukking gooit mensen jaren terug.
Interviewer: En als mensen niet meewerken?
Lies: Deelname is verplicht, en de sociale dienst kan korten. Dat hangt er altijd boven. Ik presenteer het liever als een afspraak tussen ons tweeën: ik kom mijn afspraken na, en ik verwacht dat jij dat ook doet. Als iemand wegblijft, bel ik eerst. Vaak zit er iets achter, iets thuis. Maar soms moet ik het ook doorgeven, en dan volgt er een maatregel. Dat hoort er ook bij.
Interviewer: Hoe ziet het aanbod eruit?
Lies: Na het huisbezoek volgt het intern programma van vier weken: sport, koken, EHBO, veiligheid in huis, budgetbeheer, sociale vaardigheden. Dat is ook een manier om te zien of mensen op tijd komen en in een groep kunnen functioneren. Daarna een individueel traject, richting vrijwilligerswerk, een vervolgcursus, soms een werkervaringsplek. Binnen twee jaar willen we mensen een plek in de samenleving geven.
Interviewer: Hoe zit het met werkgevers?
Lies: Voor vrijwilligerswerk zoek ik zelf plekken, via de vrijwilligersbank die hier spreekuur houdt. Zodra het om een participatiebaan of betaald werk gaat, loopt dat via een projectmedewerker van Werk en Inkomen. Er is in de regio veel vraag in de zorg, veel verzorgingshuizen zoeken vrijwilligers en soms betaalde krachten. Maar niet iedereen is geschikt voor de zorg, dus we zoeken ook plekken in de horeca en de detailhandel. Dat is in deze economie moeilijk.
Interviewer: Wat zie je gebeuren tussen de deelnemers?
Lies: Er ontstaan vriendschappen, vooral onder de vrouwen. Ze wandelen samen, ze bellen elkaar. Voor mensen die jaren alleen thuis zaten is dat misschien wel het grootste resultaat. En ze stimuleren elkaar: als de een vrijwilligerswerk vindt, wil de ander ook.
Interviewer: Wat is voor jou succes?
Lies: Dat iemand weer meedoet, op zijn eigen niveau. Voor de een is dat een betaalde baan, voor de ander is het dat ze weer de deur uit komt en in de buurt iets betekent. Ik had een cliënte die twee jaar niet buiten kwam en nu twee ochtenden in het dierenasiel werkt. Dat is voor mij net zo goed een succes als een uitstroom naar werk.
""",
    },
]

SERVICE_VOOR_DE_WIJK = [
    {
        "file": "ede-interview-sjoerd.srt",
        "form": "srt",
        "dialogue": """
Interviewer: Sjoerd, hoe ben je bij Service voor de Wijk terechtgekomen?
Sjoerd: Na mijn detentie. Ik heb anderhalf jaar vastgezeten en daarna een tijd op straat geleefd, bij vrienden op de bank. Om een uitkering te krijgen moest je een adres hebben. Mijn ouders hebben me toen een kamer op zolder gegeven. Dat had ik niet verwacht, na alles.
Interviewer: En toen?
Sjoerd: Toen moest ik naar Stichting Voorwerk. Gerard, mijn trajectbegeleider, zei meteen, je begint maandag bij Service voor de Wijk. Geen weken praten, gewoon aan de slag. Eerst dacht ik, wat is dit, ik ben geen tuinman. Maar het beviel eigenlijk meteen.
Interviewer: Heb je naast het werk ook trainingen gedaan?
Sjoerd: Ja, de carrouseltraining, vier weken. Budgettering en een outdoordag, en een training over hoe je met klanten praat. Budgettering was eigenlijk het nuttigst, ik had nooit geleerd hoe je met geld omgaat. Nu heb ik een kasboekje. Dat klinkt stom, maar ik had nog nooit iets gespaard.
Interviewer: Wat doe je daar precies?
Sjoerd: Klussen bij mensen in de wijk. Tuinen, schuurtjes opruimen, een keer een hele zolder leeggehaald. En diensten, boodschappen doen met een oude meneer. Mensen betalen met zo’n cheque, ouderen betalen minder. Om acht uur verzamelen we in het kantoortje in het winkelcentrum in Veldhuizen, koffie, en dan gaan we op pad.
Interviewer: Wat vind je ervan om om acht uur te beginnen?
Sjoerd: In het begin zwaar. Ik was gewend om tot twaalf uur te slapen. Maar nu is het normaal, ik heb een ritme. Mijn vriendin zegt dat ik een ander mens ben geworden. Ik ga op tijd naar bed, ik sta op tijd op.
Interviewer: Hoe zijn de mensen bij wie je komt?
Sjoerd: Heel dankbaar. Er was een mevrouw van negentig, haar tuin was een jungle. Toen we klaar waren, begon ze te huilen. Ze zei, jongen, nu kan ik weer naar buiten kijken. Dat vergeet je niet. Dan doe je echt iets voor iemand. Dat had ik nog nooit gehad, dat iemand blij met me was.
Interviewer: Wat heeft het je verder gebracht?
Sjoerd: Zelfvertrouwen. Na drie maanden mocht ik nieuwe jongens inwerken. Gerard zei, jij kan dat, jij weet hoe het werkt. En het lukte. Ik ben nu een soort voorman bij sommige klussen. Ik had nooit gedacht dat iemand mij verantwoordelijkheid zou geven.
Interviewer: Je zit nu in een participatiebaan?
Sjoerd: Ja. Met behoud van uitkering en een euro per uur extra. Dat is niet veel, maar het is iets. Het gaat me eigenlijk om wat daarna komt. Gerard zegt dat ik na de zomer een detacheringbaan kan krijgen, in dienst van Voorwerk. Dan ben ik van de uitkering af. Eigen loon, eigen huis met mijn vriendin, dat wil ik.
Interviewer: Hoe is de relatie met Gerard?
Sjoerd: Goed. Hij is recht door zee. Als ik te laat ben, zegt hij dat. Maar hij is er ook als het niet goed gaat. Toen ik een boete had van vroeger, heeft hij met mij een betalingsregeling getroffen. En hij heeft geholpen met een uitschrijving bij de woningbouw, zodat ik op de lijst sta.
Interviewer: En je collega’s bij Service voor de Wijk?
Sjoerd: Dat zijn echt maten geworden. We werken samen, we lunchen samen. Esther en Wim, die zijn er al langer, die hebben me alles geleerd. Als je een slechte dag hebt, merken ze het. Het is een soort familie eigenlijk.
Interviewer: En je oude vrienden?
Sjoerd: Die vinden me dom. Werken voor een euro per uur, zeggen ze. Maar die zitten nog steeds in de drugs. Ik zie ze bijna niet meer. Mijn vriendin houdt me scherp. Als ik er even geen zin in heb, zegt zij, denk aan waar je vandaan komt.
Interviewer: Wat is je doel?
Sjoerd: Een vaste baan. Bij een hovenier misschien, ik heb veel geleerd in die tuinen. En gewoon een normaal leven, niet meer terug naar vroeger.
""",
    },
    {
        "file": "ede-interview-fatima.odt",
        "form": "odt",
        "header": [
            "Interview deelneemster Service voor de Wijk, Ede",
            "Datum: 4 mei 2010",
        ],
        "dialogue": """
I: Fatima, kun je iets over jezelf vertellen?
Fatima: Ik ben tweeëndertig, ik heb drie kinderen van twee, vijf en acht. Ik ben in Nederland sinds mijn twintigste. Ik zat in de bijstand sinds mijn man weg is gegaan.
I: Hoe zag je leven eruit voordat je begon?
Fatima: Ik was altijd thuis. Kinderen naar school, koken, wassen. Ik sprak bijna geen Nederlands, alleen met de juf. Ik kende niemand in de buurt behalve mijn familie. Ik voelde me eigenlijk opgesloten in mijn eigen huis.
I: Hoe ben je bij Service voor de Wijk gekomen?
Fatima: Via Stichting Voorwerk. Mijn trajectbegeleider vroeg wat ik wilde. Ik zei, ik wil graag met mensen werken, met ouderen. Mijn oma heb ik vroeger verzorgd in Marokko. Toen zei ze, dan begin je bij Service voor de Wijk met diensten voor ouderen, en daarna kijken we verder.
I: Wat doe je daar?
Fatima: Ik ga met ouderen boodschappen doen, ik drink koffie met ze, soms wandelen we. Er is een meneer die is blind, ik lees zijn post voor. Die mensen zitten de hele dag alleen. Als ik kom, zijn ze blij. Dat is mooi werk, ik doe echt iets voor die mensen.
I: Hoe regel je dat met je kinderen?
Fatima: Dat was het grootste probleem. Zonder kinderopvang kon ik niet werken. Mijn trajectbegeleider heeft het geregeld via de gemeente, de kinderopvangtoeslag en een plekje bij de peuterspeelzaal. Anders was het nooit gelukt.
I: Hoe reageert je familie?
Fatima: Mijn familie vindt het niet goed. Mijn schoonmoeder zegt, een moeder hoort thuis bij de kinderen. Mijn broer zegt ook dat het niet nodig is. Maar ik trek me daar niks van aan. Ik wil een voorbeeld zijn voor mijn kinderen, dat hun moeder werkt en iets leert.
I: Je zei: iets leert?
Fatima: Ja. Stichting Voorwerk heeft met het ROC een opleiding tot verzorgende gemaakt. Ik ben begonnen in september. Twee dagen school, en stage lopen kan bij Service voor de Wijk of in het verzorgingshuis. Ik wil mijn diploma halen. Mijn Nederlands was niet zo goed, maar ik heb nu ook taalles, dat gaat steeds beter.
I: Hoe gaat het op school?
Fatima: Moeilijk soms, de theorie. Maar ik heb mijn eerste toets gehaald met een zeven. Ik heb het iedereen verteld. Mijn trajectbegeleider zei, zie je, je kunt het. Ze geloofde eerder in mij dan ikzelf.
I: Hoe ziet je week eruit, met school, werk en kinderen?
Fatima: Heel vol. Maandag en dinsdag school, woensdag, donderdag en vrijdagochtend Service voor de Wijk. Ik heb een schema op de koelkast, voor mij en voor de kinderen. Vroeger wist ik niet welke dag het was, nu weet ik precies waar ik moet zijn. Dat is goed voor mij, en ook voor de kinderen.
I: Hoe houdt je trajectbegeleider rekening met jouw situatie?
Fatima: Ze heeft gezegd, je hoeft niet meteen veertig uur, je hebt kleine kinderen. We hebben samen afgesproken hoeveel uur. En als mijn jongste ziek is, kan ik bellen en dan regelen we het. Maar ze verwacht wel dat ik bel, niet gewoon wegblijf. Dat vind ik eerlijk.
I: Heb je voorbeelden om je heen?
Fatima: Ja, Leila. Zij heeft ook bij Service voor de Wijk gewerkt, ook met kinderen, ook alleen. Nu werkt ze als verzorgende in De Wellen, met een vast contract. Als ik haar zie, denk ik: als zij het kan, kan ik het ook.
I: En het contact met de andere medewerkers?
Fatima: Heel goed. Esther is mijn vriendin geworden. We brengen samen de kinderen naar school en dan gaan we samen naar het kantoortje. Als er iets is met de kinderen, past zij op, of ik bij haar. Zonder Esther was het veel moeilijker.
I: Wat betekent het financieel voor je?
Fatima: Nu nog weinig, een euro per uur extra. Maar als ik mijn diploma heb, kan ik echt verdienen. Dan hoef ik niet meer naar de sociale dienst. Ik wil mijn kinderen dingen kunnen geven, een fiets, een schoolreisje, zonder dat ik moet vragen.
I: Hoe zie je jezelf over een paar jaar?
Fatima: Als verzorgende in een verzorgingshuis, met een contract. Zelfstandig. Mijn kinderen trots op hun moeder.
""",
    },
    {
        "file": "ede-interview-kevin.txt",
        "form": "txt-cp1252",
        "header": [
            "Interview oud-deelnemer Service voor de Wijk (gestopt)",
            "Datum: 6 mei 2010",
            "Noot: telefonisch afgenomen, deelnemer wilde niet op locatie komen",
        ],
        "dialogue": """
Int: Kevin, je bent een tijdje bij Service voor de Wijk geweest. Hoe was dat?
Kevin: Kort. Drie weken ofzo. Toen ben ik gestopt.
Int: Hoe was je daar eigenlijk binnengekomen?
Kevin: Via de sociale dienst. Ik was net achttien geworden, kwam uit huis, woonde bij een vriend. Mijn moeder had me eruit gezet, dat ging niet meer thuis. En toen moest ik een uitkering aanvragen en toen zeiden ze meteen, je moet naar Voorwerk. Niet of ik dat wilde, gewoon moeten. Ik heb me wel aangemeld, want anders kreeg je niks.
Int: Kun je vertellen waarom?
Kevin: Ze zetten me meteen in de tuinen. Onkruid wieden bij oude mensen. Dat is gewoon niks voor mij. Ik heb een mbo-diploma ICT, nou ja bijna, en dan moet je heggen knippen. Niemand vroeg wat ik wilde. Het was gewoon, je begint maandag, punt.
Int: Heb je dat gezegd tegen je trajectbegeleider?
Kevin: Ja, één keer. Hij zei, eerst laten zien dat je op tijd kan komen, daarna kijken we verder. Dat is toch hetzelfde als zeggen, je kan niks. Ik vond dat niet eerlijk.
Int: Hoe ging het met op tijd komen?
Kevin: Slecht. Om acht uur beginnen, terwijl ik tot vier uur ’s nachts wakker lig. Ik heb al jaren slaapproblemen. En ik blowde toen nog veel. Daar had niemand het over, ze keken alleen of je er om acht uur stond.
Int: En het geld? Je kreeg er een vergoeding voor.
Kevin: Een euro per uur. Een euro! Voor een euro per uur ga ik geen tuinen doen, dat is uitbuiting. Mijn vrienden lachten me uit. Die verdienen meer met een dag in de bollen zwart.
Int: Wat gebeurde er toen je niet meer kwam?
Kevin: Ik kreeg een brief dat mijn uitkering werd gekort. Dertig procent, twee maanden. Toen had ik echt niks meer. Mijn huur niet betaald, schulden erbij. Dat heeft het alleen maar erger gemaakt.
Int: Had je contact met andere deelnemers?
Kevin: Nee, ik kende daar niemand. Die anderen waren allemaal ouder, of ze kenden elkaar al. Ik hoorde er niet bij. Ze zaten in dat kantoortje koffie te drinken en ik stond erbij.
Int: Zag je daar mensen bij wie het wel goed ging?
Kevin: Ja, er was een jongen, Sjoerd, die werkte nieuwe mensen in. Iedereen zei, kijk hoe goed het met hem gaat, die kwam uit de bak. Maar ik ben Sjoerd niet. Wat bij hem werkt, hoeft bij mij toch niet te werken? Ik kreeg daar eerder het gevoel van dat ik faalde.
Int: Hoe reageerde je moeder toen je stopte?
Kevin: Die zei, zie je wel, je maakt nooit iets af. Daar hebben we toen ruzie over gehad. Nu gaat het wel weer een beetje, ik eet op zondag bij haar. Zij zegt nu ook, probeer het nog een keer, maar dan iets wat bij je past.
Int: Wat had er anders moeten gaan?
Kevin: Als ze gevraagd hadden wat ik kon. Computers, websites, dat kan ik. Ze hadden ook iets met de computer kunnen laten doen, bij mensen thuis, ouderen die niet met internet kunnen. Dat is ook een dienst toch. En eerst hulp met mijn slaap en die schulden, dan pas werken.
Int: Hoe is het nu?
Kevin: Ik heb een nieuwe trajectbegeleider. Die is wel anders. Die heeft me naar de schuldhulp gestuurd en naar de huisarts voor mijn slaap. Ik ben gestopt met blowen, sinds februari. Volgende maand mag ik misschien opnieuw beginnen, bij een project met computers voor ouderen. Daar zou ik wel voor gaan.
Int: Wat verwacht je daarvan?
Kevin: Ik weet het niet. Als het weer hetzelfde is, stop ik weer. Maar als ik iets mag doen waar ik goed in ben, dan wil ik het proberen. Ik wil ook gewoon mijn eigen geld, niet dat gedoe met die uitkering.
""",
    },
    {
        "file": "ede-focusgroep.docx",
        "form": "docx-table",
        "header": [
            "Focusgroep Service voor de Wijk, Ede",
            "Datum: 11 mei 2010",
            "Aanwezig: gespreksleider (GL) en vier deelnemers (D1 t/m D4). D4 vertrekt halverwege.",
        ],
        "dialogue": """
GL: Welkom allemaal, fijn dat jullie er zijn. We willen graag horen hoe jullie Service voor de Wijk ervaren. Zullen we met een voorstelrondje beginnen?
D1: Ik ben Wim, vijfenvijftig. Ik werk al bijna twee jaar bij Service voor de Wijk. Vooral tuinen en klussen.
D2: Ik ben Esther, ik ben vierendertig. Ik doe vooral diensten, boodschappen met ouderen, en ik werk nieuwe mensen in.
D3: Rachid. Ik werk tuin. Acht maanden.
D4: Monique. Ik moet om half drie weg, sorry, de kinderen. Ik doe schoonmaakklussen en ik zit nu in de detachering.
GL: Wat denken jullie dat het doel is van Service voor de Wijk?
D1: Mensen gewoon voor hun uitkering laten werken. Dat is het toch. De gemeente betaalt je uitkering, dan moet je er wat voor doen.
D2: Dat vind ik te negatief, Wim. Ze helpen je ook echt aan een baan. Maar je moet zelf de kansen pakken die je krijgt.
D4: Ik ben het met Esther eens. Ik zit nu in de detachering, dat is de laatste stap. Ik ben in dienst van Voorwerk en niet meer afhankelijk van de uitkering. Daar heb ik wel twee jaar voor gewerkt.
GL: Wat vinden jullie het mooiste aan het werk?
D2: De mensen. Je komt bij ouderen die niemand meer hebben. Ik ga met een mevrouw elke donderdag naar de markt. Als ik een keer niet kan, belt ze het kantoortje om te vragen of het goed met me gaat. Je betekent echt iets voor iemand.
D1: Voor mij het werk zelf, met je handen bezig zijn. En dat mensen het waarderen. Een meneer gaf me laatst een fles wijn omdat zijn schutting weer rechtstond. Die cheque betaalt het werk, maar dat bedankje, dat is het mooiste.
D3: Ja. Mensen blij. Goed werk.
GL: Hoe is het om iedere dag te werken?
D1: Ik was jarenlang thuis na een bedrijfsongeval. Hele dagen niks. Nu sta ik om half zeven op, om acht uur zijn we in het kantoortje. Je hebt weer een dag, een week. Mijn vrouw is blij dat ik de deur uit ben, haha.
D2: Die vaste tijden zijn goed. Ik was gewend om alles te laat te doen. Nu ben ik altijd op tijd, ook met de kinderen naar school.
GL: Hebben jullie dingen geleerd waarvan je zelf verrast was?
D2: Ik heb geleerd dat ik leiding kan geven. Ik werk nieuwe mensen in, dat had ik nooit gedacht. De eerste keer dat ik een groepje van drie had, was ik zenuwachtig, maar aan het eind van de dag zei Gerard, dat heb je goed gedaan. Dat gaf me zoveel zelfvertrouwen.
D4: Bij mij was het dat ik mijn certificaat schoonmaaktechniek heb gehaald. Via de carrouseltraining. Mijn eerste papiertje.
GL: Zien jullie bij anderen hoe het kan gaan?
D2: Ja, Leila en Johan. Johan heeft hier ook in de tuinen gewerkt, en nu heeft hij een vaste baan bij een hoveniersbedrijf. Hij komt soms nog langs met koffie. Dan denk je, als hij het kan, waarom ik niet?
D1: Johan is een uitzondering hoor. De meesten blijven hangen.
GL: Wim, hoe kijk jij naar een betaalde baan?
D1: Ik ben vijfenvijftig, met een slechte knie. Voor mij hoeft het niet meer. En eerlijk, als ik ga werken voor een baas, verlies ik mijn toeslagen, en met mijn vrouw thuis gaan we er dan op achteruit. Die euro per uur hier is leuk, maar daar doe ik het niet voor.
D2: Voor mij is die euro wel belangrijk hoor, iedere euro telt. Maar het gaat mij om een echt salaris later.
GL: Monique moet zo weg. Monique, nog een laatste punt?
D4: Ja, wat ik wil zeggen: mijn trajectbegeleider heeft me nooit laten vallen. Toen ik een burn-out had, heeft ze gezegd, we doen een stapje terug. Twee maanden minder uren. Als ze toen was blijven duwen, was ik gestopt.
GL: Dank je wel, Monique. Succes.
GL: We gaan verder met z’n drieën. Hoe is de sfeer onderling?
D2: Heel goed. We zijn een team. We lunchen samen in het kantoortje, we helpen elkaar. Fatima en ik zijn vriendinnen geworden, we passen op elkaars kinderen.
D1: Ja, het is gezellig. De jonge jongens, Sjoerd bijvoorbeeld, die neem ik onder mijn hoede. Die kwam binnen als een verloren schaap. Nu is het een harde werker.
D3: Goede collega’s. Ik leer Nederlands van hen.
GL: Rachid, wat betekent het werk voor jou?
D3: Eerst alleen thuis. Nu werk. Mensen kennen mij. Goed.
GL: En hoe gaat het met de taal, Rachid?
D3: Beter. Esther helpt. Ik ook cursus, Nederlands, dinsdag.
D2: Hij doet het echt goed hoor. Hij praat nu zelf met de klanten. In het begin deed hij alleen maar ja knikken.
GL: Zijn er ook mensen afgehaakt?
D1: Ja, die jonge jongen, Kevin. Na drie weken weg. Die wilde geen tuinen doen. Ja, dan moet je ook niet naar Service voor de Wijk. Maar niemand vroeg hem wat hij wilde, dat is ook waar.
D2: Er was ook iemand met heel veel problemen thuis, die had eerst hulp nodig. Gerard heeft haar doorverwezen naar maatschappelijk werk. Ze komt misschien later terug.
GL: Hoe is het contact met de trajectbegeleiders?
D2: Ze hebben tijd voor je. Gerard komt elke week langs in het kantoortje. En hij is duidelijk: afspraak is afspraak. Als je niet komt, wordt je gekort, dat weet iedereen. Maar hij luistert ook.
D1: Ze zijn streng maar eerlijk. Dat vind ik goed. Vroeger bij de sociale dienst was het alleen maar formulieren.
GL: Wie zijn eigenlijk de klanten van Service voor de Wijk?
D2: Vooral ouderen, en mensen met een Wmo-indicatie, die betalen minder. Veel mensen die geen familie in de buurt hebben. Ook de woningcorporatie laat ons soms tuinen opknappen als er een nieuwe huurder komt.
D1: En we mogen niet alles doen. Een klus mag maximaal vijf uur duren, anders is het concurrentie voor de hoveniers. Dat snap ik wel, die mannen moeten ook hun brood verdienen.
GL: Wat zouden jullie anders willen?
D1: Meer waardering van de gemeente. Wij doen werk dat anders blijft liggen. Die mensen hebben verder niemand.
D2: Meer kans op echte banen. Er zijn zorginstellingen die wel mensen zoeken, maar het duurt zo lang voordat je ergens binnen bent.
D1: En minder papierwerk. Elke verlenging van je participatiebaan, weer een stapel formulieren voor de sociale dienst. Alsof ze je niet vertrouwen.
GL: Dank jullie wel voor dit gesprek.
""",
    },
    {
        "file": "ede-trajectbegeleider-gerard.txt",
        "form": "txt-utf8",
        "header": [
            "Interview trajectbegeleider Stichting Voorwerk (Service voor de Wijk)",
            "Datum: 5 mei 2010",
            "Locatie: kantoor Stichting Voorwerk, Ede",
        ],
        "dialogue": """
I: Gerard, kun je uitleggen wat Stichting Voorwerk en Service voor de Wijk doen?
Gerard: Stichting Voorwerk bedient alle bijstandscliënten in Ede van wie de sociale dienst verwacht dat ze niet op korte termijn aan het werk komen. Service voor de Wijk is een van onze leerwerkprojecten. We leveren klussen en diensten aan bewoners, betaald met een cheque, en ouderen of mensen met een Wmo-indicatie betalen een lager tarief. Tot 2012 is het een pilot, daarna moet de gemeente beslissen.
I: Hoe begint een traject?
Gerard: Na het kennismakingsgesprek start bijna iedereen met het oriëntatietraject van acht weken. Mensen gaan meteen aan het werk, vaak bij Service voor de Wijk. Dat is bewust. Ik leer iemand in de praktijk kennen: komt hij op tijd, hoe gaat hij om met collega’s en met klanten. Na acht weken maken we een trajectplan, dat de cliënt ondertekent.
I: Waarom meteen aan het werk?
Gerard: Omdat mensen dan direct succes ervaren. Ze zien het resultaat van hun werk, een tuin die weer netjes is, een mevrouw die blij is. Daar groeit hun verantwoordelijkheidsgevoel en hun zelfvertrouwen van. Veel van onze mensen hebben jarenlang alleen maar gehoord dat ze tekortschieten.
I: Welke vervolgstappen zijn er?
Gerard: Na de oriëntatie volgt een participatiebaan, met behoud van uitkering en een bonus van een euro per uur. Die duurt maximaal een jaar, eventueel een jaar verlengd. Daarna kan een detacheringsbaan, in dienst van Voorwerk, dan zijn ze uit de uitkering. Dat is de laatste stap naar regulier werk. Een paar mensen per jaar stromen uit naar een vaste baan, bij een hovenier of in de zorg.
I: Speelt die bonus een rol?
Gerard: Voor sommigen wel. Voor jongeren is het vooral het vooruitzicht op een echt salaris. Maar eerlijk gezegd werkt het bij een deel niet: wie een partner en kinderen heeft, verliest bij betaald werk toeslagen, en dan is de stap naar werk financieel niet aantrekkelijk. Dat is de armoedeval, daar kunnen wij weinig aan doen, dat ligt bij de landelijke regels.
I: Hoe is de samenwerking met werkgevers en partners?
Gerard: Goed. Voorwerk bestaat sinds 2007 en heeft veel werkgeverscontacten. Soms bellen werkgevers zelf als ze mensen zoeken. De gemeente heeft één werkgeversserviceloket, daar hebben we korte lijnen mee. Met het ROC hebben we een mbo-opleiding tot verzorgende opgezet, omdat de zorginstellingen hier mensen zoeken. En een paar zorginstellingen en de woningcorporatie besteden werk aan ons uit, zodat er ook werk is als particulieren minder vragen. We hebben wel afspraken gemaakt met kleine zelfstandigen: een klus rond het huis duurt maximaal vijf uur, anders is het oneerlijke concurrentie.
I: Hoe zie jij je rol als trajectbegeleider?
Gerard: Ik ben er voor ze, maar ik ben ook duidelijk. Ik neem de tijd, ik kom elke week in het kantoortje in Veldhuizen, ik ken hun thuissituatie. Ik zeg: jij hebt het in je. Maar ik zeg ook: als je niet komt zonder af te bellen, dan heeft dat gevolgen. Deelname is verplicht, er volgt een korting als iemand niet meewerkt. Het moet van twee kanten komen.
I: Is dat altijd realistisch, wat je van mensen vraagt?
Gerard: Niet altijd, dat geef ik toe. Bij een jongen vorig jaar hebben we te snel geschakeld. Hij kwam binnen, we hebben hem direct in de tuinen gezet, terwijl hij helemaal geen tuinman was en flinke problemen had met slapen en met schulden. Na drie weken was hij weg. Daar hebben we van geleerd. Nu vragen we eerst beter wat iemand kan en wil.
I: Hoe ga je om met problemen als schulden of gezondheid?
Gerard: Als er nog te veel belemmeringen zijn, adviseer ik over een zorgroute. Schuldhulp, maatschappelijk werk, soms de verslavingszorg. Ik ben daar meer bij betrokken dan je zou denken; ik ga mee naar de schuldhulp, ik help met een betalingsregeling. Zolang iemand niet slaapt van de zorgen, heeft werken weinig zin.
I: Wat zie je in de groep gebeuren?
Gerard: Het is een echte collegagroep. Oudere mannen nemen jongens onder hun hoede, moeders passen op elkaars kinderen. Dat netwerk houdt mensen vast als het even tegenzit. Ik zie ook dat nieuwe mensen kijken naar de ervaren collega’s: die heeft het gered, dan kan ik het ook.
I: Wat is voor jou een goed resultaat?
Gerard: Uitstroom naar werk is mooi, en het is ook wat de gemeente van ons vraagt. Maar voor een deel is het al winst als ze duurzaam meedoen, in de wijk gekend worden, een ritme hebben. Een man als Wim gaat geen betaalde baan meer krijgen, maar hij is onmisbaar in de wijk.
""",
    },
]

TRANSCRIPTS = CIRKEL + PARTICIPATIEHUIS + SERVICE_VOOR_DE_WIJK
