#pragma once
// Word lists for the demo portfolio: names, streets and places (UTF-8). All invented
// combinations; email domains use the reserved .example top-level domain.
#include <array>
#include <string_view>

namespace kulanz::services::demo_names {

inline constexpr std::array<std::string_view, 56> kFirstNames = {
    "Jürgen", "Jörg",    "Björn",   "Sören",  "Günter",    "Hans",    "Peter",   "Thomas",  "Michael", "Stefan",
    "Andreas", "Lukas",  "Jonas",   "Leon",   "Felix",     "Maximilian", "Paul", "Ömer",    "Mehmet",  "Tobias",
    "Matthias", "Uwe",   "Klaus",   "Dieter", "Ralf",      "Wolfgang", "Niklas", "Moritz",  "Jan",     "Kai",
    "Anna",    "Maria",  "Ursula",  "Jutta",  "Bärbel",    "Käthe",   "Sabine",  "Claudia", "Julia",   "Lea",
    "Sophie",  "Mia",    "Hannah",  "Zoë",    "Renée",     "Özlem",   "Ayşe",    "Monika",  "Petra",   "Gisela",
    "Ingrid",  "Heike",  "Katrin",  "Laura",  "Franziska", "Greta"};

inline constexpr std::array<std::string_view, 96> kLastNames = {
    "Müller",   "Schmidt",   "Schneider", "Fischer",  "Weber",    "Meyer",    "Wagner",   "Becker",   "Schulz",
    "Hoffmann", "Schäfer",   "Koch",      "Bauer",    "Richter",  "Klein",    "Wolf",     "Schröder", "Neumann",
    "Schwarz",  "Zimmermann", "Braun",    "Krüger",   "Hofmann",  "Hartmann", "Lange",    "Schmitt",  "Werner",
    "Schmitz",  "Krause",    "Meier",     "Lehmann",  "Schmid",   "Schulze",  "Maier",    "Köhler",   "Herrmann",
    "König",    "Walter",    "Mayer",     "Huber",    "Kaiser",   "Fuchs",    "Peters",   "Lang",     "Scholz",
    "Möller",   "Weiß",      "Jung",      "Hahn",     "Schubert", "Vogel",    "Friedrich", "Keller",  "Günther",
    "Frank",    "Berger",    "Winkler",   "Roth",     "Beck",     "Lorenz",   "Baumann",  "Franke",   "Albrecht",
    "Schuster", "Simon",     "Ludwig",    "Böhm",     "Winter",   "Kraus",    "Martin",   "Schumacher", "Krämer",
    "Vogt",     "Stein",     "Jäger",     "Otto",     "Sommer",   "Groß",     "Seidel",   "Heinrich", "Brandt",
    "Haas",     "Schreiber", "Graf",      "Dietrich", "Ziegler",  "Kühn",     "Pohl",     "Engel",    "Horn",
    "Bergmann", "Voigt",     "Yılmaz",    "Öztürk",   "Nowak",    "Kowalski"};

inline constexpr std::array<std::string_view, 16> kEnglishFirstNames = {
    "James", "Emily", "Oliver", "Charlotte", "Harry", "Amelia", "George", "Olivia",
    "Jack",  "Isla",  "Noah",   "Grace",     "Liam",  "Chloe",  "Ethan",  "Sophia"};

inline constexpr std::array<std::string_view, 12> kEnglishLastNames = {
    "Smith", "Johnson", "Brown", "Taylor", "Wilson", "O'Connor", "Davies", "Evans", "Walsh", "Murphy", "Clarke", "Hughes"};

inline constexpr std::array<std::string_view, 24> kStreets = {
    "Hauptstraße",  "Bahnhofstraße", "Schulstraße",  "Gartenstraße",  "Dorfstraße",       "Bergstraße",
    "Lindenstraße", "Kirchstraße",   "Goethestraße", "Schillerstraße", "Mühlenweg",        "Am Mühlbach",
    "Rosenweg",     "Birkenallee",   "Jägerstraße",  "Brückenstraße", "Grüner Weg",       "Wiesenstraße",
    "Fröbelstraße", "Uferstraße",    "Töpferstraße", "Schloßstraße",  "Friedrich-Ebert-Straße", "Am Sägewerk"};

// Business name patterns: '#' is replaced by a last name, '@' by a city.
inline constexpr std::array<std::string_view, 24> kBusinessPatterns = {
    "# GmbH",               "# & Söhne KG",         "Bäckerei #",            "Metzgerei #",
    "Autohaus # GmbH & Co. KG", "@ Getränkehandel GmbH", "Gaststätte Zum Goldenen Löwen #", "Hotel # garni",
    "Elektro # e.K.",       "Sanitär # GmbH",       "# Logistik AG",         "Blumen #",
    "Kfz-Werkstatt #",      "Praxis Dr. #",         "# Lebensmittel OHG",    "Getränke # KG",
    "Gärtnerei #",          "Schreinerei #",        "Friseursalon #",        "Café # am Markt",
    "# Bau GmbH",           "Brauhaus # GmbH",      "Stadtverwaltung @",     "Kita Sonnenschein @"};

struct Place {
  std::string_view city;
  std::string_view state;  // ISO 3166-2:DE suffix
  int postal_code;         // first postal code of the city; customers get nearby codes
};

inline constexpr std::array<Place, 44> kPlaces = {{
    {"Köln", "NW", 50667},         {"Düsseldorf", "NW", 40213},  {"Dortmund", "NW", 44135},
    {"Essen", "NW", 45127},        {"Münster", "NW", 48143},     {"Bielefeld", "NW", 33602},
    {"Bonn", "NW", 53111},         {"Mönchengladbach", "NW", 41061}, {"München", "BY", 80331},
    {"Nürnberg", "BY", 90402},     {"Augsburg", "BY", 86150},    {"Würzburg", "BY", 97070},
    {"Stuttgart", "BW", 70173},    {"Karlsruhe", "BW", 76133},   {"Freiburg im Breisgau", "BW", 79098},
    {"Berlin", "BE", 10115},       {"Potsdam", "BB", 14467},     {"Cottbus", "BB", 3046},
    {"Bremen", "HB", 28195},       {"Hamburg", "HH", 20095},     {"Frankfurt am Main", "HE", 60311},
    {"Wiesbaden", "HE", 65183},    {"Kassel", "HE", 34117},      {"Rostock", "MV", 18055},
    {"Schwerin", "MV", 19053},     {"Hannover", "NI", 30159},    {"Braunschweig", "NI", 38100},
    {"Osnabrück", "NI", 49074},    {"Lüneburg", "NI", 21335},    {"Göttingen", "NI", 37073},
    {"Mainz", "RP", 55116},        {"Koblenz", "RP", 56068},     {"Saarbrücken", "SL", 66111},
    {"Dresden", "SN", 1067},       {"Leipzig", "SN", 4109},      {"Chemnitz", "SN", 9111},
    {"Magdeburg", "ST", 39104},    {"Halle (Saale)", "ST", 6108}, {"Kiel", "SH", 24103},
    {"Lübeck", "SH", 23552},       {"Flensburg", "SH", 24937},   {"Erfurt", "TH", 99084},
    {"Jena", "TH", 7743},          {"Weimar", "TH", 99423},
}};

// Customers abroad: country, city, postal code, IANA time zone, a street.
struct ForeignPlace {
  std::string_view country;
  std::string_view city;
  std::string_view postal_code;
  std::string_view time_zone;
  std::string_view street;
};

inline constexpr std::array<ForeignPlace, 5> kForeignPlaces = {{
    {"AT", "Wien", "1010", "Europe/Vienna", "Kärntner Straße"},
    {"NL", "Amsterdam", "1012 JS", "Europe/Amsterdam", "Damrak"},
    {"GB", "London", "EC1A 1BB", "Europe/London", "King Street"},
    {"CH", "Zürich", "8001", "Europe/Zurich", "Bahnhofstrasse"},
    {"PT", "Lisboa", "1100-148", "Europe/Lisbon", "Rua Augusta"},
}};

// Words of business names left out of their email domains.
inline constexpr std::array<std::string_view, 10> kLegalFormWords = {"gmbh", "co", "kg", "ag", "ohg", "e", "k",
                                                                     "garni", "am", "zum"};

inline constexpr std::array<std::string_view, 4> kMailDomains = {"mail.example", "post.example", "web.example",
                                                                 "net.example"};

}  // namespace kulanz::services::demo_names
