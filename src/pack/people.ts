/**
 * The pack's people: every editor and author once, in order of first appearance, so that
 * bylines and the author appendix agree.
 *
 * Two records are the same person when their ORCID iDs match or, when either lacks one, when
 * their names match (ignoring case, accents' composition and spacing). A later record fills
 * in what an earlier one left out (an editor listed by name only, an author with a bio).
 */
import GithubSlugger from 'github-slugger'
import type {Person} from '../matter/schema.ts'
import {uniqueName} from '../util/names.ts'
import {xmlName} from './links.ts'

export interface PackPerson extends Person {
  /** Anchor of the person's entry in the author appendix. */
  id: string
}

export class PeopleRegistry {
  readonly people: PackPerson[] = []
  readonly #slugger = new GithubSlugger()

  /** Add a record (or merge it into the person it names) and return that person's id. */
  add(record: Person): string {
    const existing = this.people.find((person) => samePerson(person, record))
    if (existing) {
      for (const key of ['affiliation', 'bio', 'orcid', 'email', 'url'] as const) {
        if (existing[key] === undefined && record[key] !== undefined) existing[key] = record[key]
      }
      return existing.id
    }
    // An XML name, as every id of the pack is (`linkReadings`): the same in all three editions.
    const id = uniqueName(xmlName('person-' + (this.#slugger.slug(record.name) || 'anonymous')), new Set(this.people.map((person) => person.id)))
    const person: PackPerson = {...record, id}
    this.people.push(person)
    return person.id
  }
}

function samePerson(a: Person, b: Person): boolean {
  if (a.orcid && b.orcid) return a.orcid === b.orcid
  return normalizeName(a.name) === normalizeName(b.name)
}

/** Names as compared, once per name: every record is compared with every person so far. */
const normalized = new Map<string, string>()

function normalizeName(name: string): string {
  let known = normalized.get(name)
  if (known === undefined) {
    known = name.normalize('NFC').toLocaleLowerCase('und').replace(/\s+/g, ' ').trim()
    if (normalized.size > 10_000) normalized.clear()
    normalized.set(name, known)
  }
  return known
}
