# Writes the labelled drafts and expected.json; checks every claim text occurs once in its draft
# and every evidence substring occurs in the named seed. Run: python3 test/eval/build_set.py
import json, os, re
here = os.path.dirname(os.path.abspath(__file__))
seeds_dir = os.path.join(here, '..', '..', 'seeds')
seeds = {f[:3]: open(os.path.join(seeds_dir, f), encoding='utf8').read() for f in os.listdir(seeds_dir) if f.endswith('.txt')}
fold = lambda s: re.sub(r'\s+', ' ', s.replace('’', "'").replace('‘', "'").replace('“', '"').replace('”', '"')).lower()
S, C, MQ, MA, U = 'supported', 'contradicted', 'misquoted', 'misattributed', 'unverified'
drafts = {}
def draft(name, title, sentences, names=(), not_names=()):
    # sentences: list of (sentence, [(claim_text, verdict, covers, source, evidence)])
    text = f'# {title}\n\n' + '\n\n'.join(s for s, _ in sentences) + '\n'
    claims = []
    for s, cl in sentences:
        for (t, v, covers, src, ev) in cl:
            assert text.count(t) == 1, (name, t, text.count(t))
            c = {'text': t, 'verdict': v, 'covers': covers}
            if src: c['source'] = src
            if ev:
                assert fold(ev) in fold(seeds[src]), (name, ev)
                c['evidence'] = ev
            claims.append(c)
    drafts[name] = {'text': text, 'names': list(names), 'not_names': list(not_names), 'claims': claims}

def one(sentence, verdict, covers, src=None, ev=None, text=None):
    return (sentence, [(text or sentence.rstrip('.'), verdict, covers, src, ev)])

draft('e1-paraphrase.md', 'Putin hosts Kim at remote spaceport', [
    one("Russia's president welcomed the North Korean leader at the Vostochny Cosmodrome on Wednesday.", S, 'paraphrase', '001', 'met at the Vostochny Cosmodrome'),
    one('Kim arrived in Russia aboard his armoured train after an overland journey.', S, 'paraphrase', '000', 'travelled overland to Russia in his bullet-proof train'),
    one("The visit was Kim's first trip abroad since the coronavirus pandemic began.", S, 'paraphrase', '002', 'first foreign trip since the start of the COVID pandemic'),
    one('The two men toured facilities used to assemble and launch Angara and Soyuz-2 rockets.', S, 'paraphrase', '001', 'toured assembly and launch facilities'),
    one('Talks between the delegations went on for roughly two hours before dinner.', S, 'number', '001', 'lasted around two hours'),
    one('Pyongyang has twice failed recently to put a spy satellite into orbit.', S, 'number', '000', 'failed twice recently'),
    one('Experts believe Moscow will try to obtain artillery shells and anti-tank missiles from North Korea.', S, 'paraphrase', '000', 'seek artillery shells and antitank missiles'),
    one('In exchange, Pyongyang wants advanced satellite technology and nuclear-powered submarine technology.', S, 'paraphrase', '000', 'nuclear-powered submarine technology in return'),
    one('Natural resources minister Alexander Kozlov greeted Kim when he arrived in the country.', S, 'role', '000', 'greeted Kim when he arrived in the country'),
    one('Kozlov handed Kim autographed photographs of Soviet cosmonauts, among them Yuri Gagarin.', S, 'paraphrase', '001', 'autographed photographs of Soviet cosmonauts'),
    one("Kim will later watch a display of the capabilities of Russia's Pacific fleet in Vladivostok.", S, 'paraphrase', '001', 'Pacific fleet in Vladivostok'),
    one('Kim previously met Putin in Vladivostok in 2019.', S, 'date', '002', 'last foreign visit to Vladivostok in 2019'),
], names=['Kim Jong Un', 'Alexander Kozlov', 'Yuri Gagarin', 'Vladimir Putin'])

draft('e2-numbers.md', 'The summit in figures', [
    one('North Korea fired two ballistic missiles on Wednesday while its leader was in Russia.', S, 'number', '000', 'fired two ballistic missiles on Wednesday'),
    one('Pyongyang launched four ballistic missiles on Wednesday, the South Korean military said.', C, 'number', '001', 'fired two ballistic missiles on Wednesday'),
    one('The spaceport lies some 1,000 kilometres from Vladivostok.', S, 'number', '000', '1,000 kilometres (620 miles) from Vladivostok'),
    one('The Vostochny Cosmodrome is about 620 miles from Vladivostok.', S, 'number', '000', '1,000 kilometres (620 miles) from Vladivostok'),
    one('The cosmodrome is roughly 400 miles from Vladivostok.', C, 'number', '000', '1,000 kilometres (620 miles) from Vladivostok'),
    one('The oil depot held fuel with a total volume of 12,500 cubic metres.', S, 'number', '000', '12.5 thousand cubic meters'),
    one('Gasoline and diesel with a total volume of 20,000 cubic metres were stored at the depot.', C, 'number', '000', '12.5 thousand cubic meters'),
    one('The talks with the delegations lasted around five hours.', C, 'number', '001', 'lasted around two hours'),
    one('Putin congratulated Kim on 75 years since North Korea was founded in 1948.', S, 'date', '002', '75 years since the country was founded in 1948'),
    one('Putin congratulated Kim on 70 years since North Korea was founded.', C, 'number', '002', '75 years since the country was founded in 1948'),
    one("The Russian president congratulated Kim on North Korea's founding in 1950.", C, 'date', '002', 'founded in 1948'),
    one('A 2009 United Nations Security Resolution forbids acquiring weapons from North Korea.', S, 'date', '002', '2009 United Nations Security Resolution'),
    one('A 2006 United Nations Security Resolution bans the purchase of weapons from North Korea.', C, 'date', '002', '2009 United Nations Security Resolution'),
    one('The pair shook hands at the cosmodrome on September 13, 2023.', S, 'date', '001', 'on September 13, 2023'),
    one('Shoigu visited Pyongyang in July.', S, 'date', '000', 'visited Pyongyang in July'),
    one('Sergei Shoigu visited Pyongyang in March.', C, 'date', '000', 'visited Pyongyang in July'),
    one('Kim left Pyongyang on Sunday evening.', S, 'date', '002', 'left Pyongyang on Sunday evening'),
    one('Kim departed from Pyongyang on Tuesday evening aboard his train.', C, 'date', '002', 'left Pyongyang on Sunday evening'),
    one('North Korea tested two short-range ballistic missiles on 30 August.', S, 'date', '002', 'two short-range ballistic missiles on 30 August'),
    one('Most recently, North Korea tested two short-range ballistic missiles on 12 August.', C, 'date', '002', 'two short-range ballistic missiles on 30 August'),
], names=['Vladimir Putin', 'Kim Jong Un', 'Sergei Shoigu'])

draft('e3-quotes.md', 'What the leaders said', [
    ('Kim pledged: "We will always be with Russia."', [('We will always be with Russia', S, 'quote', '001', 'We will always be with Russia')]),
    ('"An old friend is better than two new ones," the Russian leader said, citing a proverb.', [('An old friend is better than two new ones', S, 'quote', '001', 'An old friend is better than two new ones')]),
    ('"An old friend is better than three new ones," Putin said.', [('An old friend is better than three new ones', MQ, 'quote', '001', 'An old friend is better than two new ones')]),
    ('"We will discuss all subjects," Putin said, "without hurrying."', [('We will discuss all subjects', S, 'quote-split', '002', 'We will discuss all subjects without hurrying')]),
    ('"We will talk about all the issues, without haste," Putin said of military cooperation.', [('We will talk about all the issues, without haste', S, 'quote-contraction', '000', "We'll talk about all the issues, without haste")]),
    ('Putin said the leader of North Korea "shows great interest in rocket technology".', [('shows great interest in rocket technology', S, 'quote-partial', '002', 'shows great interest in rocket technology')]),
    ('"The leader of the DPRK shows keen interest in rocket technology," Putin said.', [('The leader of the DPRK shows keen interest in rocket technology', MQ, 'quote', '000', 'The leader of the DPRK shows great interest in rocket technology')]),
    ('"We are confident that the Russian army and people will win a great victory," said Putin.', [('We are confident that the Russian army and people will win a great victory', MA, 'speaker', '001', 'We are confident that the Russian army and people will win a great victory')]),
    ('"China will be hardly too happy about Russia entering into what Chinese consider their monopoly territory," An Chan-il told AFP.', [('China will be hardly too happy about Russia entering into what Chinese consider their monopoly territory', MA, 'speaker', '000', 'China will be hardly too happy')]),
    ('"It could have a significant impact on the war in Ukraine," An Chan-il said.', [('It could have a significant impact on the war in Ukraine', S, 'quote-partial', '000', 'it could have a significant impact on the war in Ukraine')]),
    ('Peskov said in advance that the two men would discuss "sensitive issues".', [('Peskov said in advance that the two men would discuss', S, 'speaker', '002', 'had said in advance the two men would discuss')]),
    ('"Whether any deal is struck remains to be seen," said Siemon Wezeman of SIPRI.', [('Whether any deal is struck remains to be seen', S, 'quote', '002', 'Whether any deal is struck remains to be seen')]),
    ('"Both sides would have strong reasons for secrecy," said Fyodor Tertitskiy.', [('Both sides would have strong reasons for secrecy', MA, 'speaker', '002', 'Both sides would have strong reasons for secrecy')]),
    ('Zakharova said dialogue between the two countries was "actively developing".', [('Zakharova said dialogue between the two countries was', S, 'speaker', '000', 'actively developing')]),
    ('"It is entirely credible that North Korea has large stocks of ammunition," Wezeman said.', [('It is entirely credible that North Korea has large stocks of ammunition', S, 'quote-partial', '002', 'It is entirely credible that North Korea has large stocks of ammunition')]),
    ('"It is entirely plausible that North Korea has huge stocks of ammunition that would be compatible with Russian artillery," Wezeman said.', [('It is entirely plausible that North Korea has huge stocks of ammunition that would be compatible with Russian artillery', MQ, 'quote', '002', 'It is entirely credible that North Korea has large stocks of ammunition')]),
    ('The White House warned that North Korea would "pay a heavy price" if it armed Russia.', [('pay a heavy price', MQ, 'quote', '000', 'pay a price')]),
    ('"We will always stand with Russia," Kim told his hosts.', [('We will always stand with Russia', MQ, 'quote', '001', 'We will always be with Russia')]),
    ('"The Russian army and people will win a great victory in the just fight against evil groups," Kim said.', [('The Russian army and people will win a great victory in the just fight against evil groups', MQ, 'quote', '001', 'win a great victory in the just fight to punish evil groups')]),
], names=['Kim Jong Un', 'Vladimir Putin', 'An Chan-il', 'Dmitry Peskov', 'Siemon Wezeman', 'Fyodor Tertitskiy', 'Maria Zakharova'])

draft('e4-speakers.md', 'Who said what in the Far East', [
    one('Defence Minister Sergei Shoigu took part in the negotiations.', S, 'role', '000', 'will take part in the negotiations'),
    ('Foreign Minister Sergei Shoigu sat next to Putin during the talks.', [('Foreign Minister Sergei Shoigu', C, 'role', '001', 'Russian Defence Minister Sergei Shoigu')]),
    ('Kremlin spokesman Sergei Lavrov described the meeting as productive.', [('Kremlin spokesman Sergei Lavrov', C, 'role', '002', 'Kremlin spokesman Dmitry Peskov')]),
    one('Foreign Minister Sergei Lavrov also joined the talks with Kim.', S, 'role', '001', 'as did Foreign Minister Sergei Lavrov'),
    one('Foreign ministry spokeswoman Maria Zakharova told TASS that communication between the countries was back on a pre-Covid track.', S, 'speaker', '000', 'back on a pre-Covid track'),
    ('Defence Minister Maria Zakharova told TASS that the dialogue was developing.', [('Defence Minister Maria Zakharova', C, 'role', '000', 'foreign ministry spokeswoman Maria Zakharova')]),
    one('Vladimir Tikhonov, a professor at the University of Oslo, said Beijing would be worried about regional destabilisation.', S, 'speaker', '000', 'Beijing would be worried about the regional destabilisation'),
    one("According to An Chan-il, Russia is eager for North Korea's stockpile of artillery shells.", S, 'speaker', '000', "Russia is eager for North Korea's stockpile of artillery shells"),
    ('Siemon Wezeman of SIPRI commented on the talks. "We will not know for sure until there is hard evidence," he said.', [('We will not know for sure until there is hard evidence', S, 'pronoun', '002', 'We will not know for sure until there is hard evidence')]),
    ('Fyodor Tertitskiy spoke to reporters in Seoul. "SIPRI researchers have not seen any public evidence to back it up," he added.', [('SIPRI researchers have not seen any public evidence to back it up', MA, 'pronoun', '002', 'SIPRI researchers have not seen any public evidence to back it up')]),
    ('Putin, who hosted the summit, said: "We have time."', [('We have time', S, 'speaker', '002', 'We have time')]),
    one("Korean People's Army Marshal Pak Jong Chon accompanied Kim.", S, 'role', '000', 'Marshal Pak Jong Chon'),
    ('Navy Admiral Pak Jong Chon travelled with the delegation.', [('Navy Admiral Pak Jong Chon', C, 'role', '001', 'Marshal Pak Jong Chon')]),
    one('Munitions Industry Department Director Jo Chun Ryong was part of the delegation.', S, 'role', '001', 'Munitions Industry Department Director Jo Chun Ryong'),
], names=['Sergei Shoigu', 'Sergei Lavrov', 'Maria Zakharova', 'Vladimir Tikhonov', 'An Chan-il', 'Siemon Wezeman', 'Fyodor Tertitskiy', 'Pak Jong Chon', 'Jo Chun Ryong'])

draft('e5-attributes.md', 'Arrival and hardware', [
    one('Kim arrived in a black limousine on Wednesday.', S, 'attribute', '002', 'black limousine'),
    one('Kim pulled up in a silver limousine on Wednesday and shook hands with his host.', C, 'attribute', '002', 'black limousine'),
    one("South Korea and Japan detected two short-range ballistic missiles launched from North Korea's east coast.", S, 'attribute', '002', "launched from North Korea's east coast"),
    one("Seoul and Tokyo said they had detected two short-range ballistic missiles launched from North Korea's west coast.", C, 'attribute', '002', "launched from North Korea's east coast"),
    one('South Korea and Japan announced they had detected two long-range ballistic missiles.', C, 'attribute', '002', 'two short-range ballistic missiles'),
    one('The two leaders walked around the vast space centre.', S, 'paraphrase', '000', 'walking around the vast space centre'),
    one("Wearing a dark suit, Kim shook Putin's hand enthusiastically.", S, 'paraphrase', '000', "Kim shook Putin's hand enthusiastically"),
    one("Wearing a white suit, Kim grinned as he shook Putin's hand.", C, 'attribute', '000', 'Wearing a dark suit'),
    one('Moscow plans to help North Korea build satellites, Putin said.', S, 'paraphrase', '000', 'Moscow plans to help North Korea build satellites'),
    one('The Kremlin released video of the handshake.', S, 'paraphrase', '002', 'according to a video released by the Kremlin'),
], names=['Kim Jong Un', 'Vladimir Putin'])

draft('e6-offcorpus.md', 'City council approves new tram line', [
    one('The city council voted 31-9 on Tuesday to approve a new tram line through the harbour district.', U, 'offcorpus'),
    one('Mayor Helena Brandt said the project would cost 240 million euros.', U, 'offcorpus'),
    ('"This is the biggest investment in public transport in a generation," Brandt told reporters.', [('This is the biggest investment in public transport in a generation', U, 'offcorpus', None, None)]),
    one('Construction is expected to begin in March and last three years.', U, 'offcorpus'),
    one('Opposition councillor Tomas Reyes warned that ticket prices could rise by 15 percent.', U, 'offcorpus'),
    one('The line will link the central station with the university campus.', U, 'offcorpus'),
], not_names=['Helena Brandt', 'Tomas Reyes'])

draft('e7-uncovered.md', 'Behind the scenes at the summit', [
    one('The leaders were served a dinner of crab and sturgeon.', U, 'uncovered'),
    one('Putin gave Kim a Russian-made rifle as a gift.', U, 'uncovered'),
    one('Each delegation included 12 officials.', U, 'uncovered'),
    one("Kim's train crossed the border at Khasan on Tuesday.", U, 'precision-trap'),
    one('Russia has launched three satellites from Vostochny this year.', U, 'precision-trap'),
    one('North Korea has tested two new submarines this year.', U, 'precision-trap'),
    one('About 5,000 journalists were accredited to cover the visit.', U, 'uncovered'),
    one('The White House said it had seen no evidence of a deal.', U, 'precision-trap'),
    one('Kim last visited Moscow in 2011.', U, 'precision-trap'),
    one('The summit ended with a joint statement signed by both leaders.', U, 'uncovered'),
], names=['Vladimir Putin', 'Kim Jong Un'])

draft('e8-mixed.md', 'Kim pledges support as Putin eyes arms deal', [
    one('Kim Jong Un told Vladimir Putin he was sure Russia would win a great victory over its enemies.', S, 'paraphrase', '001', 'he was sure Russia would win'),
    one('Kim praised the heroic Russian army.', S, 'paraphrase', '001', 'praised the'),
    one("Ukraine's Western allies warned of a possible Russian arms agreement with North Korea.", S, 'paraphrase', '001', 'warned of a possible Russian arms agreement'),
    one('US officials and experts have said Russia wants to buy North Korean ammunition for use in Ukraine.', S, 'paraphrase', '001', 'interested in buying North Korean ammunition'),
    one('Putin told reporters he saw possibilities for military cooperation with North Korea.', S, 'paraphrase', '001', 'for military cooperation with North Korea'),
    one('The space facility is tucked in a forest near the Chinese border.', S, 'paraphrase', '002', 'tucked in a forest near the Chinese border'),
    one('The space facility sits in a forest near the Mongolian border.', C, 'attribute', '002', 'tucked in a forest near the Chinese border'),
    one('According to Washington, the summit could lead to an arms deal between the two countries.', S, 'speaker', '002', 'the meeting could lead to an arms agreement'),
    one('SIPRI researchers have seen no public evidence that the Wagner Group acquired North Korean arms.', S, 'paraphrase', '002', 'Wagner Group had acquired North Korean arms'),
    one('The US has previously accused North Korea of providing arms.', S, 'paraphrase', '002', 'accused North Korea of providing arms'),
    one('South Korea and the United States have increased defence cooperation, holding joint exercises with Japan.', S, 'paraphrase', '002', 'increased defence cooperation'),
], names=['Kim Jong Un', 'Vladimir Putin'])

draft('e9-reactions.md', 'Reactions to the summit', [
    ('"We have time," Kim said.', [('We have time', MA, 'speaker', '002', 'We have time')]),
    ('"Russia\'s important ties to Seoul will be dealt irreparable damage," Tikhonov warned.', [("Russia's important ties to Seoul will be dealt irreparable damage", S, 'quote', '001', "important ties to Seoul will be dealt irreparable damage")]),
    ('"Russia\'s important ties to Seoul will be dealt lasting damage," the professor said.', [("Russia's important ties to Seoul will be dealt lasting damage", MQ, 'quote', '001', "important ties to Seoul will be dealt irreparable damage")]),
    ('"If North Korea\'s multiple rocket launchers are provided to Russia in large quantities, it could have a significant impact," An Chan-il said.', [("If North Korea's multiple rocket launchers are provided to Russia in large quantities, it could have a significant impact", MQ, 'quote-omission', '000', 'multiple rocket launchers and other artillery shells')]),
    ('"The leader of North Korea shows great interest in rocket technology," Putin told reporters.', [('The leader of North Korea shows great interest in rocket technology', S, 'quote-translation', '002', 'The leader of North Korea shows great interest in rocket technology')]),
    ('"The leader of North Korea shows great interest in space tourism," Putin told journalists.', [('The leader of North Korea shows great interest in space tourism', MQ, 'quote', '002', 'The leader of North Korea shows great interest in rocket technology')]),
    ('"That\'s why they came here," Kim said.', [("That's why they came here", MA, 'speaker', '002', "That's why they came here")]),
    ('Kim and his Russian counterpart will also discuss "trade relations", Russian news agencies reported.', [('Kim and his Russian counterpart will also discuss', S, 'quote-partial', '002', 'will also discuss')]),
    ('"We will discuss all subjects without hurrying," said Peskov.', [('We will discuss all subjects without hurrying', MA, 'speaker', '002', 'We will discuss all subjects without hurrying')]),
    ('"It also has the production lines and personnel to produce more at scale," Wezeman said in a statement.', [('It also has the production lines and personnel to produce more at scale', S, 'quote', '002', 'production lines and personnel to produce more at scale')]),
    ('"It also has the production lines and staff to produce more at scale," Wezeman added.', [('It also has the production lines and staff to produce more at scale', MQ, 'quote', '002', 'production lines and personnel to produce more at scale')]),
    ('"Russia has used North Korean arms and ammunition on the battlefield in Ukraine," Ankit Panda said.', [('Russia has used North Korean arms and ammunition on the battlefield in Ukraine', MA, 'speaker', '002', 'Russia has used North Korean arms and ammunition on the battlefield in Ukraine')]),
    ('"We are sure that the Russian army and people will win a great victory," Kim told Putin.', [('We are sure that the Russian army and people will win a great victory', MQ, 'quote', '001', 'We are confident that the Russian army and people will win a great victory')]),
    ('"We will always be on Russia\'s side," Kim said at the dinner.', [("We will always be on Russia's side", MQ, 'quote', '001', 'We will always be with Russia')]),
    ('"There is time," Kim said.', [('There is time', MA, 'speaker', '000', 'There is time')]),
    ('"The leader of the DPRK shows great interest in rocket technology," Kim said.', [('The leader of the DPRK shows great interest in rocket technology', MA, 'speaker', '001', 'The leader of the DPRK shows great interest in rocket technology')]),
    ('"An old friend is better than two new ones," Shoigu said.', [('An old friend is better than two new ones', MA, 'speaker', '001', 'An old friend is better than two new ones')]),
], names=['Kim Jong Un', 'Vladimir Tikhonov', 'An Chan-il', 'Vladimir Putin', 'Dmitry Peskov', 'Siemon Wezeman', 'Ankit Panda', 'Sergei Shoigu'])

out = {'corpus': 'seeds', 'note': 'Written for this project (not copied from ../shared/eval). Verdicts are what a careful fact-checker would give using only the three seed articles.', 'drafts': {}}
from collections import Counter
counts = Counter()
for name, d in drafts.items():
    open(os.path.join(here, 'set', name), 'w', encoding='utf8').write(d['text'])
    out['drafts'][name] = {'names': d['names'], 'not_names': d['not_names'], 'claims': d['claims']}
    for c in d['claims']: counts[c['verdict']] += 1
json.dump(out, open(os.path.join(here, 'set', 'expected.json'), 'w', encoding='utf8'), indent=1, ensure_ascii=False)
print(sum(counts.values()), dict(counts))
