"""A demo catalogue of public-domain and freely licensed films and series, shared by simulators.

The TMDB and Watchmode simulators (and the Jackett/demo side) all describe the same titles, so a
search, a details page, a streaming lookup and a release name line up. The facts (title, year,
cast, runtime) are the real ones; TMDB ids are fake (>= 900000) so nothing is mistaken for live
TMDB data, ratings are approximate, and IMDb ids are given only where certain. Series episode
counts are approximate: only their shape matters here.
"""

from __future__ import annotations

from dataclasses import dataclass
import hashlib
from typing import Literal

MediaType = Literal["movie", "tv"]
ProviderKind = Literal["free", "sub", "rent", "buy"]

# TMDB's genre ids (movie and tv lists share most of them).
GENRE_IDS: dict[str, int] = {
    "Action": 28,
    "Adventure": 12,
    "Animation": 16,
    "Comedy": 35,
    "Crime": 80,
    "Documentary": 99,
    "Drama": 18,
    "Family": 10751,
    "Fantasy": 14,
    "History": 36,
    "Horror": 27,
    "Music": 10402,
    "Mystery": 9648,
    "Romance": 10749,
    "Science Fiction": 878,
    "Thriller": 53,
    "War": 10752,
    "Western": 37,
    "Action & Adventure": 10759,
}

Provider = tuple[str, str, ProviderKind]  # (region, service, kind)

_FREE: tuple[Provider, ...] = (
    ("US", "Tubi", "free"),
    ("US", "Plex", "free"),
    ("US", "Internet Archive", "free"),
    ("GB", "Plex", "free"),
    ("GB", "Internet Archive", "free"),
)
_CLASSIC: tuple[Provider, ...] = (
    *_FREE,
    ("US", "Kanopy", "sub"),
    ("US", "Apple TV", "rent"),
    ("US", "Apple TV", "buy"),
    ("US", "Amazon Video", "rent"),
    ("GB", "BFI Player", "sub"),
    ("GB", "Apple TV", "buy"),
)
_OPEN_MOVIE: tuple[Provider, ...] = (
    ("US", "Internet Archive", "free"),
    ("US", "YouTube", "free"),
    ("GB", "Internet Archive", "free"),
    ("GB", "YouTube", "free"),
)


@dataclass(frozen=True, slots=True)
class Title:
    """One film or series of the demo catalogue."""

    tmdb_id: int
    title: str
    year: int
    overview: str
    genres: tuple[str, ...]
    runtime: int  # minutes; per episode for series
    rating: float
    cast: tuple[tuple[str, str], ...]  # (actor, character)
    media_type: MediaType = "movie"
    imdb_id: str | None = None
    original_title: str | None = None
    original_language: str = "en"
    tagline: str = ""
    providers: tuple[Provider, ...] = ()
    license: str = "public domain"
    seasons: tuple[int, ...] = ()  # episodes per season (series only)
    end_year: int | None = None  # last year on air (series only)
    tvdb_id: int | None = None  # fake, series only

    @property
    def slug(self) -> str:
        """A URL-friendly name (`night-of-the-living-dead`)."""
        cleaned = "".join(c if c.isalnum() else " " for c in self.title.lower())
        return "-".join(cleaned.split())

    @property
    def vote_count(self) -> int:
        """A stable, plausible vote count."""
        return 150 + _stable(self.title, 4000)

    @property
    def popularity(self) -> float:
        """A stable popularity score; the popular lists sort by it."""
        return round(self.rating * 3 + _stable(self.title, 1000) / 100, 3)

    @property
    def release_date(self) -> str:
        """An ISO date in the real year (day and month are synthetic)."""
        day = _stable(self.title + "day", 28 * 12)
        return f"{self.year}-{day // 28 + 1:02d}-{day % 28 + 1:02d}"


def _stable(text: str, modulo: int) -> int:
    """A number derived from text that is the same in every run (unlike `hash()`)."""
    return int.from_bytes(hashlib.sha256(text.encode()).digest()[:8]) % modulo


MOVIES: tuple[Title, ...] = (
    Title(
        900001,
        "Night of the Living Dead",
        1968,
        "Strangers barricade themselves in a Pennsylvania farmhouse as the dead rise outside.",
        ("Horror", "Thriller"),
        96,
        7.5,
        (
            ("Duane Jones", "Ben"),
            ("Judith O'Dea", "Barbra"),
            ("Karl Hardman", "Harry Cooper"),
            ("Marilyn Eastman", "Helen Cooper"),
            ("Russell Streiner", "Johnny"),
        ),
        imdb_id="tt0063350",
        tagline="They won't stay dead!",
        providers=_CLASSIC,
    ),
    Title(
        900002,
        "Nosferatu",
        1922,
        "An estate agent travels to Transylvania and brings a plague-bearing vampire home.",
        ("Horror", "Fantasy"),
        94,
        7.7,
        (
            ("Max Schreck", "Count Orlok"),
            ("Gustav von Wangenheim", "Thomas Hutter"),
            ("Greta Schröder", "Ellen Hutter"),
            ("Alexander Granach", "Knock"),
        ),
        imdb_id="tt0013442",
        original_title="Nosferatu, eine Symphonie des Grauens",
        original_language="de",
        providers=_CLASSIC,
    ),
    Title(
        900003,
        "The General",
        1926,
        "A Confederate engineer chases the Union spies who stole his beloved locomotive.",
        ("Comedy", "Action", "War"),
        78,
        8.0,
        (
            ("Buster Keaton", "Johnnie Gray"),
            ("Marion Mack", "Annabelle Lee"),
            ("Glen Cavender", "Captain Anderson"),
            ("Jim Farley", "General Thatcher"),
        ),
        imdb_id="tt0017925",
        providers=_FREE,
    ),
    Title(
        900004,
        "Metropolis",
        1927,
        "In a city of towering machines, the son of its master falls for a prophet of workers.",
        ("Science Fiction", "Drama"),
        153,
        8.1,
        (
            ("Brigitte Helm", "Maria"),
            ("Alfred Abel", "Joh Fredersen"),
            ("Gustav Fröhlich", "Freder"),
            ("Rudolf Klein-Rogge", "Rotwang"),
        ),
        imdb_id="tt0017136",
        original_language="de",
        providers=_CLASSIC,
    ),
    Title(
        900005,
        "His Girl Friday",
        1940,
        "A newspaper editor schemes to keep his star reporter, and ex-wife, from remarrying.",
        ("Comedy", "Romance"),
        92,
        7.7,
        (
            ("Cary Grant", "Walter Burns"),
            ("Rosalind Russell", "Hildy Johnson"),
            ("Ralph Bellamy", "Bruce Baldwin"),
            ("Gene Lockhart", "Sheriff Hartwell"),
        ),
        imdb_id="tt0032599",
        providers=_FREE,
    ),
    Title(
        900006,
        "Charade",
        1963,
        "A widow in Paris is pursued by men who want the fortune her late husband stole.",
        ("Comedy", "Mystery", "Romance", "Thriller"),
        113,
        7.6,
        (
            ("Cary Grant", "Peter Joshua"),
            ("Audrey Hepburn", "Regina Lampert"),
            ("Walter Matthau", "Hamilton Bartholomew"),
            ("James Coburn", "Tex Panthollow"),
            ("George Kennedy", "Herman Scobie"),
        ),
        imdb_id="tt0056923",
        providers=_CLASSIC,
    ),
    Title(
        900007,
        "Plan 9 from Outer Space",
        1957,
        "Aliens resurrect the dead of a California cemetery to stop humanity's doomsday weapon.",
        ("Science Fiction", "Horror"),
        79,
        4.1,
        (
            ("Gregory Walcott", "Jeff Trent"),
            ("Mona McKinnon", "Paula Trent"),
            ("Tor Johnson", "Inspector Clay"),
            ("Maila Nurmi", "Vampire Girl"),
            ("Bela Lugosi", "Ghoul Man"),
        ),
        imdb_id="tt0052077",
        providers=_FREE,
    ),
    Title(
        900008,
        "The Little Shop of Horrors",
        1960,
        "A clumsy florist's assistant raises a plant with an appetite for human blood.",
        ("Comedy", "Horror"),
        72,
        6.0,
        (
            ("Jonathan Haze", "Seymour Krelboyne"),
            ("Jackie Joseph", "Audrey Fulquard"),
            ("Mel Welles", "Gravis Mushnick"),
            ("Dick Miller", "Burson Fouch"),
            ("Jack Nicholson", "Wilbur Force"),
        ),
        imdb_id="tt0054033",
    ),
    Title(
        900009,
        "Carnival of Souls",
        1962,
        "After surviving a car crash, a church organist is drawn to an abandoned pavilion.",
        ("Horror", "Mystery"),
        78,
        6.8,
        (
            ("Candace Hilligoss", "Mary Henry"),
            ("Frances Feist", "Mrs. Thomas"),
            ("Sidney Berger", "John Linden"),
            ("Herk Harvey", "The Man"),
        ),
        imdb_id="tt0055830",
        providers=_FREE,
    ),
    Title(
        900010,
        "Detour",
        1945,
        "A hitchhiking pianist's luck turns fatal on the road from New York to Los Angeles.",
        ("Crime", "Drama"),
        68,
        7.0,
        (
            ("Tom Neal", "Al Roberts"),
            ("Ann Savage", "Vera"),
            ("Claudia Drake", "Sue Harvey"),
            ("Edmund MacDonald", "Charles Haskell Jr."),
        ),
        imdb_id="tt0037638",
    ),
    Title(
        900011,
        "D.O.A.",
        1950,
        "A poisoned accountant has a few days to find out who murdered him, and why.",
        ("Crime", "Thriller"),
        83,
        7.1,
        (
            ("Edmond O'Brien", "Frank Bigelow"),
            ("Pamela Britton", "Paula Gibson"),
            ("Luther Adler", "Majak"),
            ("Neville Brand", "Chester"),
        ),
        imdb_id="tt0042369",
    ),
    Title(
        900012,
        "The Last Man on Earth",
        1964,
        "The lone survivor of a plague hunts the vampiric infected by day and hides by night.",
        ("Horror", "Science Fiction"),
        86,
        6.8,
        (
            ("Vincent Price", "Dr. Robert Morgan"),
            ("Franca Bettoia", "Ruth Collins"),
            ("Emma Danieli", "Virginia Morgan"),
            ("Giacomo Rossi Stuart", "Ben Cortman"),
        ),
        imdb_id="tt0058700",
        providers=_FREE,
    ),
    Title(
        900013,
        "Big Buck Bunny",
        2008,
        "A gentle giant rabbit takes comic revenge on three bullying rodents.",
        ("Animation", "Comedy", "Family"),
        10,
        6.4,
        (),
        imdb_id="tt1254207",
        license="CC BY 3.0",
        providers=_OPEN_MOVIE,
    ),
    Title(
        900014,
        "Sintel",
        2010,
        "A lonely young woman searches a harsh world for the baby dragon she raised.",
        ("Animation", "Fantasy", "Adventure"),
        15,
        7.3,
        (("Halina Reijn", "Sintel"), ("Thom Hoffman", "Shaman")),
        imdb_id="tt1727587",
        license="CC BY 3.0",
        providers=_OPEN_MOVIE,
    ),
    Title(
        900015,
        "Tears of Steel",
        2012,
        "Scientists in a future Amsterdam replay a broken-up romance to stop a robot uprising.",
        ("Science Fiction", "Action"),
        12,
        5.8,
        (
            ("Derek de Lint", "Old Thom"),
            ("Sergio Hasselbaink", "Barley"),
            ("Rogier Schippers", "Thom"),
            ("Vanja Rukavina", "Celia"),
        ),
        imdb_id="tt2285752",
        license="CC BY 3.0",
        providers=_OPEN_MOVIE,
    ),
    Title(
        900016,
        "Elephants Dream",
        2006,
        "Two men explore a vast, surreal machine that one of them insists is his own.",
        ("Animation", "Science Fiction"),
        11,
        5.6,
        (("Tygo Gernandt", "Proog"), ("Cas Jansen", "Emo")),
        imdb_id="tt0807840",
        license="CC BY 2.5",
        providers=_OPEN_MOVIE,
    ),
    Title(
        900017,
        "Cosmos Laundromat",
        2015,
        "A suicidal sheep is offered a lifetime of new lives by a mysterious salesman.",
        ("Animation", "Fantasy"),
        12,
        6.9,
        (),
        license="CC BY 4.0",
        providers=_OPEN_MOVIE,
    ),
    Title(
        900018,
        "Spring",
        2019,
        "A shepherd girl and her dog face ancient spirits to bring back the spring.",
        ("Animation", "Fantasy"),
        8,
        7.2,
        (),
        license="CC BY 4.0",
    ),
    Title(
        900019,
        "Sherlock Jr.",
        1924,
        "A projectionist who dreams of being a detective walks into the film he is showing.",
        ("Comedy", "Fantasy"),
        45,
        8.0,
        (
            ("Buster Keaton", "Projectionist"),
            ("Kathryn McGuire", "The Girl"),
            ("Joe Keaton", "The Girl's Father"),
            ("Ward Crane", "The Local Sheik"),
        ),
        imdb_id="tt0015324",
    ),
    Title(
        900020,
        "Safety Last!",
        1923,
        "A shop clerk climbs a department store's facade to win a prize and impress his girl.",
        ("Comedy",),
        70,
        7.9,
        (
            ("Harold Lloyd", "The Boy"),
            ("Mildred Davis", "The Girl"),
            ("Bill Strother", "The Pal"),
            ("Noah Young", "The Law"),
        ),
        imdb_id="tt0014429",
    ),
    Title(
        900021,
        "The Kid",
        1921,
        "The Tramp takes in an abandoned baby and raises him on the streets.",
        ("Comedy", "Drama"),
        68,
        8.1,
        (
            ("Charlie Chaplin", "A Tramp"),
            ("Jackie Coogan", "The Child"),
            ("Edna Purviance", "The Woman"),
        ),
        imdb_id="tt0012349",
        providers=_FREE,
    ),
    Title(
        900022,
        "The Cabinet of Dr. Caligari",
        1920,
        "A fairground hypnotist uses a sleepwalker to commit murders in a crooked town.",
        ("Horror", "Mystery"),
        77,
        7.8,
        (
            ("Werner Krauss", "Dr. Caligari"),
            ("Conrad Veidt", "Cesare"),
            ("Friedrich Feher", "Francis"),
            ("Lil Dagover", "Jane Olsen"),
        ),
        imdb_id="tt0010323",
        original_title="Das Cabinet des Dr. Caligari",
        original_language="de",
        providers=_CLASSIC,
    ),
    Title(
        900023,
        "A Trip to the Moon",
        1902,
        "Astronomers are fired from a cannon to the Moon and meet its inhabitants.",
        ("Adventure", "Science Fiction"),
        13,
        7.9,
        (
            ("Georges Méliès", "Professor Barbenfouillis"),
            ("Bleuette Bernon", ""),
            ("Jeanne d'Alcy", ""),
        ),
        imdb_id="tt0000417",
        original_title="Le Voyage dans la Lune",
        original_language="fr",
        providers=_FREE,
    ),
    Title(
        900024,
        "The Great Train Robbery",
        1903,
        "Bandits hold up a steam train and a posse rides out after them.",
        ("Western", "Crime"),
        11,
        6.9,
        (("Justus D. Barnes", ""), ("G.M. Anderson", ""), ("Walter Cameron", "")),
        imdb_id="tt0000439",
    ),
    Title(
        900025,
        "Reefer Madness",
        1936,
        "A lurid cautionary tale about high-school students lured into marijuana use.",
        ("Drama",),
        66,
        3.9,
        (
            ("Dorothy Short", "Mary Lane"),
            ("Kenneth Craig", "Bill Harper"),
            ("Lillian Miles", "Blanche"),
            ("Dave O'Brien", "Ralph Wiley"),
        ),
        imdb_id="tt0028346",
    ),
    Title(
        900026,
        "The Phantom of the Opera",
        1925,
        "A disfigured genius haunting the Paris Opera coaches a young soprano he adores.",
        ("Horror", "Drama"),
        93,
        7.3,
        (
            ("Lon Chaney", "Erik, The Phantom"),
            ("Mary Philbin", "Christine Daaé"),
            ("Norman Kerry", "Vicomte Raoul de Chagny"),
        ),
        imdb_id="tt0016220",
        providers=_FREE,
    ),
    Title(
        900027,
        "Battleship Potemkin",
        1925,
        "Sailors mutiny over rotten meat and Odessa rises with them in 1905.",
        ("Drama", "History"),
        75,
        7.7,
        (
            ("Aleksandr Antonov", "Grigory Vakulinchuk"),
            ("Vladimir Barsky", "Commander Golikov"),
            ("Grigori Aleksandrov", "Chief Officer Giliarovsky"),
        ),
        imdb_id="tt0015648",
        original_title="Броненосец «Потёмкин»",
        original_language="ru",
    ),
    Title(
        900028,
        "The Gold Rush",
        1925,
        "The Lone Prospector braves the Klondike, a starving partner and a heartbreak.",
        ("Adventure", "Comedy"),
        95,
        8.0,
        (
            ("Charlie Chaplin", "The Lone Prospector"),
            ("Georgia Hale", "Georgia"),
            ("Mack Swain", "Big Jim McKay"),
            ("Tom Murray", "Black Larsen"),
        ),
        imdb_id="tt0015864",
        providers=_CLASSIC,
    ),
    Title(
        900029,
        "Steamboat Bill, Jr.",
        1928,
        "A college dandy joins his father's riverboat just before a cyclone hits town.",
        ("Comedy",),
        70,
        7.8,
        (
            ("Buster Keaton", "William Canfield Jr."),
            ("Ernest Torrence", "William 'Steamboat Bill' Canfield"),
            ("Marion Byron", "Kitty King"),
            ("Tom McGuire", "John James King"),
        ),
        imdb_id="tt0019421",
    ),
    Title(
        900030,
        "Teenagers from Outer Space",
        1959,
        "A young alien defects to warn a small town about his people's monstrous livestock.",
        ("Science Fiction",),
        86,
        3.6,
        (
            ("David Love", "Derek"),
            ("Dawn Bender", "Betty Morgan"),
            ("Bryan Grant", "Thor"),
            ("Harvey B. Dunn", "Grandpa Morgan"),
        ),
    ),
    Title(
        900031,
        "House on Haunted Hill",
        1959,
        "A millionaire pays five guests to survive a night in a house with a murderous past.",
        ("Horror", "Mystery"),
        75,
        6.7,
        (
            ("Vincent Price", "Frederick Loren"),
            ("Carol Ohmart", "Annabelle Loren"),
            ("Richard Long", "Lance Schroeder"),
            ("Elisha Cook Jr.", "Watson Pritchard"),
        ),
        imdb_id="tt0051744",
        providers=_FREE,
    ),
    Title(
        900032,
        "The Brain That Wouldn't Die",
        1962,
        "A surgeon keeps his fiancée's severed head alive while he hunts for a new body.",
        ("Horror", "Science Fiction"),
        82,
        4.6,
        (
            ("Jason Evers", "Dr. Bill Cortner"),
            ("Virginia Leith", "Jan Compton"),
            ("Leslie Daniels", "Kurt"),
        ),
    ),
    Title(
        900033,
        "Dementia 13",
        1963,
        "A scheming widow visits her husband's family castle in Ireland, where an axe awaits.",
        ("Horror", "Thriller"),
        75,
        5.6,
        (
            ("William Campbell", "Richard Haloran"),
            ("Luana Anders", "Louise Haloran"),
            ("Bart Patton", "Billy Haloran"),
            ("Patrick Magee", "Justin Caleb"),
        ),
    ),
    Title(
        900034,
        "Santa Claus Conquers the Martians",
        1964,
        "Martians kidnap Santa Claus so their own children can have a Christmas.",
        ("Comedy", "Family", "Science Fiction"),
        81,
        3.3,
        (
            ("John Call", "Santa Claus"),
            ("Leonard Hicks", "Kimar"),
            ("Vincent Beck", "Voldar"),
            ("Pia Zadora", "Girmar"),
        ),
        imdb_id="tt0058548",
        providers=_FREE,
    ),
    Title(
        900035,
        "Suddenly",
        1954,
        "Assassins take over a family home overlooking the President's train stop.",
        ("Crime", "Thriller"),
        75,
        6.6,
        (
            ("Frank Sinatra", "John Baron"),
            ("Sterling Hayden", "Sheriff Tod Shaw"),
            ("James Gleason", "Pop Benson"),
            ("Nancy Gates", "Ellen Benson"),
        ),
    ),
    Title(
        900036,
        "Scarlet Street",
        1945,
        "A meek cashier and Sunday painter is drawn into ruin by a grifter and her boyfriend.",
        ("Crime", "Drama"),
        102,
        7.6,
        (
            ("Edward G. Robinson", "Christopher Cross"),
            ("Joan Bennett", "Kitty March"),
            ("Dan Duryea", "Johnny Prince"),
        ),
        imdb_id="tt0038057",
    ),
    Title(
        900037,
        "The Stranger",
        1946,
        "A war-crimes investigator tracks a Nazi fugitive to a quiet Connecticut town.",
        ("Thriller", "Drama"),
        95,
        7.2,
        (
            ("Orson Welles", "Franz Kindler"),
            ("Edward G. Robinson", "Mr. Wilson"),
            ("Loretta Young", "Mary Longstreet"),
        ),
        imdb_id="tt0038991",
        providers=_FREE,
    ),
    Title(
        900038,
        "Royal Wedding",
        1951,
        "A brother-and-sister dance act find romance in London during a royal wedding.",
        ("Music", "Romance", "Comedy"),
        93,
        6.5,
        (
            ("Fred Astaire", "Tom Bowen"),
            ("Jane Powell", "Ellen Bowen"),
            ("Peter Lawford", "Lord John Brindale"),
            ("Sarah Churchill", "Anne Ashmond"),
        ),
    ),
    Title(
        900039,
        "McLintock!",
        1963,
        "A cattle baron battles land-grabbers, settlers and his estranged wife.",
        ("Western", "Comedy"),
        127,
        6.9,
        (
            ("John Wayne", "George Washington McLintock"),
            ("Maureen O'Hara", "Katherine McLintock"),
            ("Patrick Wayne", "Devlin Warren"),
            ("Stefanie Powers", "Becky McLintock"),
            ("Yvonne De Carlo", "Louise Warren"),
        ),
        imdb_id="tt0057298",
        providers=_CLASSIC,
    ),
    Title(
        900040,
        "Beat the Devil",
        1953,
        "Swindlers stranded in an Italian port scheme over uranium-rich land in Africa.",
        ("Comedy", "Adventure", "Crime"),
        89,
        6.3,
        (
            ("Humphrey Bogart", "Billy Dannreuther"),
            ("Jennifer Jones", "Gwendolen Chelm"),
            ("Gina Lollobrigida", "Maria Dannreuther"),
            ("Robert Morley", "Peterson"),
            ("Peter Lorre", "O'Hara"),
        ),
    ),
    Title(
        900041,
        "Meet John Doe",
        1941,
        "A reporter's invented protest letter turns a drifter into a national movement.",
        ("Comedy", "Drama", "Romance"),
        122,
        7.4,
        (
            ("Gary Cooper", "Long John Willoughby"),
            ("Barbara Stanwyck", "Ann Mitchell"),
            ("Edward Arnold", "D.B. Norton"),
            ("Walter Brennan", "The Colonel"),
        ),
    ),
)


SERIES: tuple[Title, ...] = (
    Title(
        960001,
        "The Cisco Kid",
        1950,
        "The Cisco Kid and his sidekick Pancho ride the Old West righting wrongs.",
        ("Western", "Action & Adventure"),
        26,
        7.0,
        (("Duncan Renaldo", "The Cisco Kid"), ("Leo Carrillo", "Pancho")),
        media_type="tv",
        seasons=(26, 26, 26, 26, 26, 26),
        tvdb_id=1050001,
        end_year=1956,
        providers=(("US", "Tubi", "free"), ("US", "Internet Archive", "free")),
    ),
    Title(
        960002,
        "Dragnet",
        1951,
        "Sergeant Joe Friday works the cases of the Los Angeles Police Department.",
        ("Crime", "Drama"),
        30,
        7.6,
        (
            ("Jack Webb", "Sgt. Joe Friday"),
            ("Ben Alexander", "Officer Frank Smith"),
            ("Barton Yarborough", "Sgt. Ben Romero"),
        ),
        media_type="tv",
        seasons=(19, 38, 39, 39, 39, 39, 39, 24),
        tvdb_id=1050002,
        end_year=1959,
        providers=(("US", "Internet Archive", "free"),),
    ),
    Title(
        960003,
        "The Beverly Hillbillies",
        1962,
        "An Ozarks family strikes oil and moves into a Beverly Hills mansion.",
        ("Comedy", "Family"),
        25,
        7.2,
        (
            ("Buddy Ebsen", "Jed Clampett"),
            ("Irene Ryan", "Granny"),
            ("Donna Douglas", "Elly May Clampett"),
            ("Max Baer Jr.", "Jethro Bodine"),
        ),
        media_type="tv",
        seasons=(36, 36, 36, 32, 30, 26, 26, 26, 26),
        tvdb_id=1050003,
        end_year=1971,
        imdb_id="tt0055662",
        providers=(*_FREE, ("US", "Apple TV", "buy")),
    ),
    Title(
        960004,
        "Bonanza",
        1959,
        "Widower Ben Cartwright and his three sons run the Ponderosa ranch in Nevada.",
        ("Western", "Drama", "Family"),
        49,
        7.4,
        (
            ("Lorne Greene", "Ben Cartwright"),
            ("Pernell Roberts", "Adam Cartwright"),
            ("Dan Blocker", "Hoss Cartwright"),
            ("Michael Landon", "Little Joe Cartwright"),
        ),
        media_type="tv",
        seasons=(32, 34, 34, 34, 34, 34, 34, 34, 34, 30, 28, 28, 26, 15),
        tvdb_id=1050004,
        end_year=1973,
        imdb_id="tt0052451",
    ),
)

TITLES: tuple[Title, ...] = MOVIES + SERIES
_BY_ID: dict[tuple[str, int], Title] = {(t.media_type, t.tmdb_id): t for t in TITLES}


def find(media_type: str, tmdb_id: int) -> Title | None:
    """The title with this TMDB type and id."""
    return _BY_ID.get((media_type, tmdb_id))


def titles(media_type: MediaType) -> tuple[Title, ...]:
    """Every movie or every series."""
    return MOVIES if media_type == "movie" else SERIES


def popular(media_type: MediaType) -> list[Title]:
    """Most popular first (a stable order)."""
    return sorted(titles(media_type), key=lambda t: (-t.popularity, t.tmdb_id))


def trending(window: str) -> list[Title]:
    """Movies and series trending today or this week (stable, and different per window)."""
    return sorted(TITLES, key=lambda t: (_stable(f"{window}:{t.tmdb_id}", 10**6), t.tmdb_id))


def people() -> dict[str, int]:
    """Every credited actor with a stable fake TMDB person id (first billing order)."""
    ids: dict[str, int] = {}
    for title in TITLES:
        for name, _ in title.cast:
            ids.setdefault(name, 980001 + len(ids))
    return ids
