#!/usr/bin/env python3
"""Régénère initiatives.csv, le jeu de démonstration du traitement par lots (grille DOMINO).

Usage : python3 grids/examples/batch/generate.py            (écrit initiatives.csv à côté)
        python3 grids/examples/batch/generate.py -o FICHIER  (ou « - » pour la sortie standard)

Bibliothèque standard uniquement (Python 3.11 ou plus, pour tomllib). Le résultat est
déterministe : graine fixe, fichiers lus dans l'ordre alphabétique, fins de ligne « \\n ».

1. Les premières lignes reprennent les évaluations réelles de grids/examples/*.toml (grille
   « domino »). Quand plusieurs évaluateurs ont répondu, le niveau retenu est la médiane
   inférieure de leurs niveaux, comme le fait le moteur.
2. Les lignes suivantes sont SYNTHÉTIQUES : des variations tirées au hasard autour de profils
   types, signalées comme telles dans la colonne name (« … (synthétique 07) »). Elles servent
   aux démonstrations et aux tests de volume, pas à décrire des initiatives existantes.
"""

import argparse
import csv
import random
import sys
import tomllib
from pathlib import Path

SEED = 20151109  # date de l'atelier DOMINO de Morlaix
SYNTHETIC_ROWS = 50

# Les critères, dans l'ordre de la grille : lus dans grids/domino.toml, pour que le fichier
# suive la grille sans liste à tenir à jour ici.
GRID = Path(__file__).resolve().parents[2] / "domino.toml"
with GRID.open("rb") as _f:
    AXES = {a["id"]: [c["id"] for c in a["criteria"]] for a in tomllib.load(_f)["axes"]}
CRITERIA = [f"{axis}.{c}" for axis, cs in AXES.items() for c in cs]
PROFILE = ["family", "status", "territory", "sector", "digital"]
TARGETS = ["collectif.accueil", "acteur_public.autonomie"]
HEADER = ["id", "name", *PROFILE, *CRITERIA, *(f"{t}.target" for t in TARGETS)]

# Profils types des lignes synthétiques :
# (nom, family, status possibles, territoires possibles, sector, digital,
#  niveau de base par axe (C, AP, S, T, R), niveaux imposés, critères sans objet)
TEMPLATES = [
    ("Atelier vélo participatif", "ess", ["association"], ["urbain", "periurbain"], "mobilite", "site_web",
     (3, 2, 3, 2, 3), {"collectif.competences": 4, "ressources.reemploi": 3}, []),
    ("Jardin partagé", "contributif", ["collectif_informel", "association"], ["urbain", "periurbain", "rural"],
     "alimentation", "liste_diffusion", (3, 2, 3, 2, 3), {"ressources.communs": 3}, ["territoire.emploi"]),
    ("Système d'échange local (SEL)", "contributif", ["association"], ["rural", "periurbain"], "services",
     "liste_diffusion", (3, 1, 3, 2, 2), {"solidarite.reciprocite": 4}, ["ressources.reemploi"]),
    ("Ressourcerie", "ess", ["association"], ["periurbain", "rural"], "dechets_reemploi", "site_web",
     (2, 3, 3, 3, 3), {"ressources.reemploi": 4}, []),
    ("Plateforme de location entre particuliers", "plateforme", ["entreprise"], ["urbain"], "equipement",
     "plateforme", (1, 1, 1, 1, 2),
     {"territoire.valeur_locale": 0, "territoire.gouvernance": 0, "solidarite.hybridite": 0,
      "acteur_public.autonomie": 4, "ressources.actifs_dormants": 3},
     ["acteur_public.service_public", "ressources.equipements_publics"]),
    ("Covoiturage rural", "ess", ["association"], ["rural"], "mobilite", "site_web",
     (2, 2, 3, 2, 3), {"acteur_public.service_public": 3}, ["ressources.reemploi"]),
    ("Autopartage citoyen", "ess", ["cooperative"], ["urbain", "periurbain"], "mobilite", "plateforme",
     (2, 3, 2, 3, 3), {"territoire.gouvernance": 4}, ["ressources.reemploi"]),
    ("Grainothèque", "contributif", ["collectif_informel"], ["rural", "urbain"], "alimentation", "aucun",
     (3, 2, 3, 2, 3), {}, ["territoire.emploi"]),
    ("Boîte à livres", "contributif", ["collectif_informel"], ["urbain", "periurbain", "rural"], "culture",
     "aucun", (2, 2, 3, 1, 3), {"collectif.decisions": 1}, ["territoire.emploi", "solidarite.hybridite"]),
    ("Fablab associatif", "ess", ["association"], ["urbain"], "equipement", "site_web",
     (3, 2, 2, 3, 3), {"collectif.competences": 4, "solidarite.acces_equitable": 2}, []),
    ("Café associatif", "ess", ["association"], ["rural"], "tiers_lieux", "reseau_social",
     (3, 2, 3, 3, 2), {"collectif.reconnaissance": 4}, []),
    ("Coopérative d'énergie citoyenne", "ess", ["cooperative"], ["rural", "periurbain"], "energie", "site_web",
     (3, 3, 2, 4, 3), {"solidarite.acces_equitable": 1}, ["ressources.reemploi"]),
    ("Monnaie locale", "ess", ["association"], ["urbain", "rural"], "finance", "site_web",
     (2, 2, 2, 3, 2), {"territoire.valeur_locale": 4},
     ["ressources.reemploi", "ressources.actifs_dormants", "acteur_public.service_public"]),
    ("Bricothèque", "contributif", ["association", "collectif_informel"], ["periurbain"], "equipement",
     "liste_diffusion", (2, 2, 2, 2, 4), {}, []),
    ("Réseau d'échanges de savoirs", "contributif", ["association"], ["urbain"], "savoirs", "aucun",
     (3, 2, 3, 2, 2), {}, ["ressources.reemploi", "ressources.effet_net"]),
    ("Habitat participatif", "ess", ["cooperative"], ["periurbain"], "habitat", "site_web",
     (3, 2, 2, 3, 3), {"collectif.accueil": 1}, []),
    ("Application de dons entre voisins", "plateforme", ["entreprise"], ["urbain"], "dechets_reemploi",
     "plateforme", (2, 1, 2, 1, 3),
     {"territoire.valeur_locale": 1, "territoire.gouvernance": 0, "solidarite.hybridite": 1},
     ["acteur_public.service_public"]),
    ("Tiers-lieu rural", "ess", ["cooperative", "association"], ["rural"], "tiers_lieux", "reseau_social",
     (3, 3, 3, 3, 3), {"ressources.equipements_publics": 3}, []),
    ("Conciergerie solidaire", "ess", ["association"], ["urbain"], "services", "site_web",
     (2, 3, 3, 2, 2), {"territoire.emploi": 3}, []),
    ("Épicerie coopérative", "ess", ["cooperative"], ["urbain", "rural"], "alimentation", "liste_diffusion",
     (3, 2, 2, 3, 2), {"territoire.production_locale": 3}, []),
    ("Prêt de matériel municipal", "ess", ["public"], ["rural"], "equipement", "site_web",
     (2, 4, 2, 2, 3), {"acteur_public.autonomie": 1, "ressources.equipements_publics": 4}, []),
]


def consolidated(answer):
    """Code d'une réponse d'évaluation : niveau, ou médiane inférieure des évaluateurs."""
    if isinstance(answer, (str, int)):
        return str(answer)
    if "level" in answer:
        return str(answer["level"])
    levels = sorted(int(c) for c in map(str, answer.get("by", {}).values()) if c.isdigit())
    if not levels:
        return "?"
    return str(levels[(len(levels) - 1) // 2])


def real_rows(examples):
    rows = []
    for path in sorted(examples.glob("*.toml")):
        with path.open("rb") as f:
            doc = tomllib.load(f)
        if doc["assessment"]["grid"] != "domino":
            continue
        answers = doc.get("answers", {})
        row = {"id": path.stem, "name": doc["assessment"]["initiative"]}
        row.update({k: doc.get("profile", {}).get(k, "") for k in PROFILE})
        for c in CRITERIA:
            row[c] = consolidated(answers[c]) if c in answers else ""
        for t in TARGETS:
            a = answers.get(t)
            row[f"{t}.target"] = str(a["target"]) if isinstance(a, dict) and "target" in a else ""
        rows.append(row)
    return rows


def synthetic_rows(rng, count):
    rows = []
    for i in range(count):
        name, family, statuses, territories, sector, digital, bases, fixed, na = TEMPLATES[i % len(TEMPLATES)]
        row = {
            "id": f"synth-{i + 1:02d}",
            "name": f"{name} (synthétique {i + 1:02d})",
            "family": family,
            "status": rng.choice(statuses),
            "territory": rng.choice(territories),
            "sector": sector,
            "digital": digital,
        }
        base_of = dict(zip(AXES, bases))
        for c in CRITERIA:
            base = fixed.get(c, base_of[c.split(".")[0]])
            level = min(4, max(0, base + rng.choice([-2, -1, -1, 0, 0, 0, 1, 1])))
            roll = rng.random()
            if c in na:
                code = "na" if roll < 0.9 else str(level)
            elif roll < 0.04:
                code = ""          # sans réponse
            elif roll < 0.07:
                code = "?"         # ne sait pas
            else:
                code = str(level)
            row[c] = code
        for t, chance in zip(TARGETS, (0.4, 0.3)):
            current = row[t]
            if current.isdigit() and int(current) < 4 and rng.random() < chance:
                row[f"{t}.target"] = str(min(4, int(current) + rng.choice([1, 2, 2, 3])))
            else:
                row[f"{t}.target"] = ""
        rows.append(row)
    return rows


def main():
    here = Path(__file__).resolve().parent
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-o", "--output", default=str(here / "initiatives.csv"))
    args = parser.parse_args()

    rng = random.Random(SEED)
    rows = real_rows(here.parent) + synthetic_rows(rng, SYNTHETIC_ROWS)

    out = sys.stdout if args.output == "-" else open(args.output, "w", encoding="utf-8", newline="")
    try:
        writer = csv.DictWriter(out, fieldnames=HEADER, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    finally:
        if out is not sys.stdout:
            out.close()
    if out is not sys.stdout:
        print(f"{len(rows)} lignes écrites dans {args.output}", file=sys.stderr)


if __name__ == "__main__":
    main()
