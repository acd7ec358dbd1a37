<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="id_ID">
<context>
    <name>BeritaAcaraForm</name>
    <message>
        <location filename="../console/berita_form.py" line="82"/>
        <source>The saved draft could not be read and was set aside: {error}</source>
        <translation>Draf yang tersimpan tidak dapat dibaca dan telah disisihkan: {error}</translation>
    </message>
    <message>
        <location filename="../console/berita_form.py" line="202"/>
        <source>Date</source>
        <translation>Tanggal</translation>
    </message>
    <message>
        <location filename="../console/berita_form.py" line="202"/>
        <source>Agency (letterhead)</source>
        <translation>Instansi (kop surat)</translation>
    </message>
    <message>
        <location filename="../console/berita_form.py" line="203"/>
        <source>Exam</source>
        <translation>Ujian</translation>
    </message>
    <message>
        <location filename="../console/berita_form.py" line="203"/>
        <source>Sections (materi)</source>
        <translation>Materi</translation>
    </message>
    <message>
        <location filename="../console/berita_form.py" line="204"/>
        <source>Session</source>
        <translation>Sesi</translation>
    </message>
    <message>
        <location filename="../console/berita_form.py" line="205"/>
        <source>Room</source>
        <translation>Ruang</translation>
    </message>
    <message>
        <location filename="../console/berita_form.py" line="205"/>
        <source>Site</source>
        <translation>Lokasi</translation>
    </message>
    <message>
        <location filename="../console/berita_form.py" line="205"/>
        <source>Start (HH:MM)</source>
        <translation>Mulai (JJ:MM)</translation>
    </message>
    <message>
        <location filename="../console/berita_form.py" line="206"/>
        <source>End (HH:MM)</source>
        <translation>Selesai (JJ:MM)</translation>
    </message>
    <message>
        <location filename="../console/berita_form.py" line="206"/>
        <location filename="../console/berita_form.py" line="211"/>
        <source>Candidates</source>
        <translation>Peserta</translation>
    </message>
    <message>
        <location filename="../console/berita_form.py" line="207"/>
        <source>Schedule</source>
        <translation>Jadwal</translation>
    </message>
    <message>
        <location filename="../console/berita_form.py" line="208"/>
        <source>From the record</source>
        <translation>Dari catatan sistem</translation>
    </message>
    <message>
        <location filename="../console/berita_form.py" line="209"/>
        <source>Other incidents</source>
        <translation>Kejadian lain</translation>
    </message>
    <message>
        <location filename="../console/berita_form.py" line="210"/>
        <source>Notes</source>
        <translation>Catatan</translation>
    </message>
    <message>
        <location filename="../console/berita_form.py" line="212"/>
        <source>Proctor I: name</source>
        <translation>Pengawas I: nama</translation>
    </message>
    <message>
        <location filename="../console/berita_form.py" line="212"/>
        <source>Proctor I: NIP</source>
        <translation>Pengawas I: NIP</translation>
    </message>
    <message>
        <location filename="../console/berita_form.py" line="213"/>
        <source>Proctor II: name</source>
        <translation>Pengawas II: nama</translation>
    </message>
    <message>
        <location filename="../console/berita_form.py" line="214"/>
        <source>Proctor II: NIP</source>
        <translation>Pengawas II: NIP</translation>
    </message>
    <message>
        <location filename="../console/berita_form.py" line="215"/>
        <source>Head of the room: name</source>
        <translation>Kepala ruang: nama</translation>
    </message>
    <message>
        <location filename="../console/berita_form.py" line="216"/>
        <source>Head of the room: NIP</source>
        <translation>Kepala ruang: NIP</translation>
    </message>
    <message>
        <location filename="../console/berita_form.py" line="217"/>
        <source>Witness: name</source>
        <translation>Saksi: nama</translation>
    </message>
    <message>
        <location filename="../console/berita_form.py" line="218"/>
        <source>Witness: NIP</source>
        <translation>Saksi: NIP</translation>
    </message>
    <message>
        <location filename="../console/berita_form.py" line="222"/>
        <source>Berita acara</source>
        <translation>Berita acara</translation>
    </message>
    <message>
        <location filename="../console/berita_form.py" line="223"/>
        <source>Berita acara (official report of the session)</source>
        <translation>Berita acara pelaksanaan ujian</translation>
    </message>
    <message>
        <location filename="../console/berita_form.py" line="232"/>
        <source>Update from the room</source>
        <translation>Perbarui dari ruang</translation>
    </message>
    <message>
        <location filename="../console/berita_form.py" line="233"/>
        <source>The proctor&apos;s actions and the incidents of each candidate, from the logs, as the berita acara prints them</source>
        <translation>Tindakan pengawas dan kejadian tiap peserta, dari log, seperti yang dicetak di berita acara</translation>
    </message>
    <message>
        <location filename="../console/berita_form.py" line="236"/>
        <source>In your own words, one per line</source>
        <translation>Dengan kata-kata Anda, satu per baris</translation>
    </message>
    <message>
        <location filename="../console/berita_form.py" line="237"/>
        <source>Update the counts from the room</source>
        <translation>Perbarui jumlah peserta dari ruang</translation>
    </message>
    <message>
        <location filename="../console/berita_form.py" line="238"/>
        <source>Create PDF</source>
        <translation>Buat PDF</translation>
    </message>
    <message>
        <location filename="../console/berita_form.py" line="239"/>
        <source>Create the berita acara PDF</source>
        <translation>Buat PDF berita acara</translation>
    </message>
    <message>
        <location filename="../console/berita_form.py" line="250"/>
        <source>Expected {expected}, present {present}, absent {absent}: {who}</source>
        <translation>Seharusnya {expected}, hadir {present}, tidak hadir {absent}: {who}</translation>
    </message>
    <message>
        <location filename="../console/berita_form.py" line="257"/>
        <source>{schedule} (the session did not run as scheduled: the berita acara says so)</source>
        <translation>{schedule} (sesi tidak berjalan sesuai jadwal: berita acara mencatatnya)</translation>
    </message>
    <message>
        <location filename="../console/berita_form.py" line="295"/>
        <source>The draft is not saved: {error}</source>
        <translation>Draf tidak tersimpan: {error}</translation>
    </message>
    <message>
        <location filename="../console/berita_form.py" line="324"/>
        <source>Creating the PDF…</source>
        <translation>Membuat PDF…</translation>
    </message>
    <message>
        <location filename="../console/berita_form.py" line="336"/>
        <source>The PDF could not be written: {error}</source>
        <translation>PDF tidak dapat disimpan: {error}</translation>
    </message>
    <message>
        <location filename="../console/berita_form.py" line="350"/>
        <source>present {present} + absent {absent} is not the {expected} expected</source>
        <translation>hadir {present} + tidak hadir {absent} tidak sama dengan {expected} peserta yang seharusnya</translation>
    </message>
    <message>
        <location filename="../console/berita_form.py" line="357"/>
        <source>not a valid NIP: {why}</source>
        <translation>bukan NIP yang sah: {why}</translation>
    </message>
    <message>
        <location filename="../console/berita_form.py" line="359"/>
        <location filename="../console/berita_form.py" line="387"/>
        <source>check this field</source>
        <translation>periksa isian ini</translation>
    </message>
    <message>
        <location filename="../console/berita_form.py" line="365"/>
        <source>Excel turned it into a number; type it again as text</source>
        <translation>Excel mengubahnya menjadi angka; ketik ulang sebagai teks</translation>
    </message>
    <message>
        <location filename="../console/berita_form.py" line="367"/>
        <source>only digits and spaces</source>
        <translation>hanya boleh angka dan spasi</translation>
    </message>
    <message>
        <location filename="../console/berita_form.py" line="369"/>
        <source>it has {n} digits, a NIP has 18</source>
        <translation>isinya {n} digit, NIP terdiri atas 18 digit</translation>
    </message>
    <message>
        <location filename="../console/berita_form.py" line="371"/>
        <source>digits 1-8 ({part}) are not a birth date</source>
        <translation>digit 1-8 ({part}) bukan tanggal lahir</translation>
    </message>
    <message>
        <location filename="../console/berita_form.py" line="374"/>
        <source>digits 1-8 give the birth year {year}, not plausible</source>
        <translation>digit 1-8 menunjukkan tahun lahir {year}, tidak masuk akal</translation>
    </message>
    <message>
        <location filename="../console/berita_form.py" line="377"/>
        <source>digits 9-14 ({part}) have no month {month}</source>
        <translation>digit 9-14 ({part}) memuat bulan {month} yang tidak ada</translation>
    </message>
    <message>
        <location filename="../console/berita_form.py" line="380"/>
        <source>digits 9-14 give an appointment in {year}, not plausible for someone born in {born}</source>
        <translation>digit 9-14 menunjukkan pengangkatan tahun {year}, tidak masuk akal untuk kelahiran {born}</translation>
    </message>
    <message>
        <location filename="../console/berita_form.py" line="384"/>
        <source>digit 15 ({part}) must be 1 or 2</source>
        <translation>digit 15 ({part}) harus 1 atau 2</translation>
    </message>
    <message>
        <location filename="../console/berita_form.py" line="386"/>
        <source>digits 16-18 are 000</source>
        <translation>digit 16-18 tidak boleh 000</translation>
    </message>
    <message>
        <location filename="../console/berita_form.py" line="331"/>
        <source>Saved: {path}</source>
        <translation>Tersimpan: {path}</translation>
    </message>
    <message>
        <location filename="../console/berita_form.py" line="74"/>
        <source>{file} was left alone: it is another exam&apos;s berita acara draft or cannot be read. This exam&apos;s draft is {mine}.</source>
        <translation>{file} tidak dipakai: berkas itu draf berita acara ujian lain atau tidak dapat dibaca. Draf ujian ini adalah {mine}.</translation>
    </message>
    <message>
        <location filename="../console/berita_form.py" line="343"/>
        <source>required</source>
        <translation>wajib diisi</translation>
    </message>
    <message>
        <location filename="../console/berita_form.py" line="345"/>
        <source>write a time as HH:MM, e.g. 07:30</source>
        <translation>tulis jam sebagai JJ:MM, misalnya 07:30</translation>
    </message>
    <message>
        <location filename="../console/berita_form.py" line="347"/>
        <source>the end is before the start</source>
        <translation>waktu selesai lebih awal dari waktu mulai</translation>
    </message>
</context>
<context>
    <name>CommandDialog</name>
    <message>
        <location filename="../console/dialogs.py" line="96"/>
        <source> min</source>
        <translation> menit</translation>
    </message>
    <message>
        <location filename="../console/dialogs.py" line="97"/>
        <source>Minutes to add</source>
        <translation>Menit tambahan</translation>
    </message>
    <message>
        <location filename="../console/dialogs.py" line="100"/>
        <source>Message to the candidate</source>
        <translation>Pesan untuk peserta</translation>
    </message>
    <message>
        <location filename="../console/dialogs.py" line="102"/>
        <source>Free PC</source>
        <translation>PC kosong</translation>
    </message>
    <message>
        <location filename="../console/dialogs.py" line="104"/>
        <source>{kiosk} at seat {seat}</source>
        <translation>{kiosk} di kursi {seat}</translation>
    </message>
    <message>
        <location filename="../console/dialogs.py" line="107"/>
        <source>Reason (required)</source>
        <translation>Alasan (wajib)</translation>
    </message>
    <message>
        <location filename="../console/dialogs.py" line="108"/>
        <source>Why? This goes into the log and the report</source>
        <translation>Mengapa? Dicatat di log dan berita acara</translation>
    </message>
    <message>
        <location filename="../console/dialogs.py" line="110"/>
        <source>Proctor&apos;s name</source>
        <translation>Nama pengawas</translation>
    </message>
    <message>
        <location filename="../console/dialogs.py" line="112"/>
        <source>&amp;Minutes</source>
        <translation>&amp;Menit</translation>
    </message>
    <message>
        <location filename="../console/dialogs.py" line="116"/>
        <source>as the blueprint sets (if any)</source>
        <translation>sesuai blueprint (jika ada)</translation>
    </message>
    <message>
        <location filename="../console/dialogs.py" line="120"/>
        <source>Messa&amp;ge</source>
        <translation>&amp;Pesan</translation>
    </message>
    <message>
        <location filename="../console/dialogs.py" line="122"/>
        <source>&amp;Free PC</source>
        <translation>PC &amp;kosong</translation>
    </message>
    <message>
        <location filename="../console/dialogs.py" line="123"/>
        <source>&amp;Reason</source>
        <translation>&amp;Alasan</translation>
    </message>
    <message>
        <location filename="../console/dialogs.py" line="124"/>
        <source>Proctor&apos;s &amp;name</source>
        <translation>&amp;Nama pengawas</translation>
    </message>
    <message>
        <location filename="../console/dialogs.py" line="132"/>
        <source>Send</source>
        <translation>Kirim</translation>
    </message>
    <message>
        <location filename="../console/dialogs.py" line="130"/>
        <source>Show code</source>
        <translation>Tampilkan kode</translation>
    </message>
    <message>
        <location filename="../console/dialogs.py" line="117"/>
        <source>Extra minutes with the accommodation</source>
        <translation>Tambahan menit bersama akomodasi</translation>
    </message>
    <message>
        <location filename="../console/dialogs.py" line="118"/>
        <source>Extra &amp;time</source>
        <translation>Tambahan &amp;waktu</translation>
    </message>
    <message>
        <location filename="../console/dialogs.py" line="130"/>
        <source>Approve</source>
        <translation>Setujui</translation>
    </message>
    <message>
        <location filename="../console/dialogs.py" line="131"/>
        <source>Refuse</source>
        <translation>Tolak</translation>
    </message>
    <message>
        <location filename="../console/dialogs.py" line="131"/>
        <source>Accept</source>
        <translation>Terima</translation>
    </message>
    <message>
        <location filename="../console/dialogs.py" line="132"/>
        <source>Reject</source>
        <translation>Tolak</translation>
    </message>
    <message>
        <location filename="../console/dialogs.py" line="136"/>
        <source>Cancel</source>
        <translation>Batal</translation>
    </message>
    <message>
        <location filename="../console/dialogs.py" line="163"/>
        <source>Pause</source>
        <translation>Jeda</translation>
    </message>
    <message>
        <location filename="../console/dialogs.py" line="164"/>
        <source>Resume</source>
        <translation>Lanjutkan</translation>
    </message>
    <message>
        <location filename="../console/dialogs.py" line="165"/>
        <source>Extend time</source>
        <translation>Tambah waktu</translation>
    </message>
    <message>
        <location filename="../console/dialogs.py" line="166"/>
        <source>Lock</source>
        <translation>Kunci</translation>
    </message>
    <message>
        <location filename="../console/dialogs.py" line="167"/>
        <source>Unlock</source>
        <translation>Buka kunci</translation>
    </message>
    <message>
        <location filename="../console/dialogs.py" line="168"/>
        <source>Send a message</source>
        <translation>Kirim pesan</translation>
    </message>
    <message>
        <location filename="../console/dialogs.py" line="169"/>
        <source>Answer the raised hand</source>
        <translation>Tanggapi angkat tangan</translation>
    </message>
    <message>
        <location filename="../console/dialogs.py" line="170"/>
        <source>Force submit</source>
        <translation>Paksa kumpulkan</translation>
    </message>
    <message>
        <location filename="../console/dialogs.py" line="171"/>
        <source>Turn on read-aloud (accommodation)</source>
        <translation>Aktifkan dibacakan (akomodasi)</translation>
    </message>
    <message>
        <location filename="../console/dialogs.py" line="172"/>
        <source>Move to a spare PC</source>
        <translation>Pindah ke PC cadangan</translation>
    </message>
    <message>
        <location filename="../console/dialogs.py" line="173"/>
        <source>Unlock code for quitting</source>
        <translation>Kode buka untuk keluar</translation>
    </message>
    <message>
        <location filename="../console/dialogs.py" line="174"/>
        <source>Approve the login</source>
        <translation>Setujui login</translation>
    </message>
    <message>
        <location filename="../console/dialogs.py" line="175"/>
        <source>Refuse the login</source>
        <translation>Tolak login</translation>
    </message>
    <message>
        <location filename="../console/dialogs.py" line="176"/>
        <source>Accept the log</source>
        <translation>Terima log</translation>
    </message>
    <message>
        <location filename="../console/dialogs.py" line="177"/>
        <source>Reject the log (sealed as absent)</source>
        <translation>Tolak log (disegel sebagai tidak hadir)</translation>
    </message>
    <message>
        <location filename="../console/dialogs.py" line="182"/>
        <source>Write the reason: it is required.</source>
        <translation>Tulis alasannya: wajib diisi.</translation>
    </message>
    <message>
        <location filename="../console/dialogs.py" line="183"/>
        <source>Write your name: it is required.</source>
        <translation>Tulis nama Anda: wajib diisi.</translation>
    </message>
    <message>
        <location filename="../console/dialogs.py" line="184"/>
        <source>Minutes must be from 1 to {max}.</source>
        <translation>Menit harus antara 1 dan {max}.</translation>
    </message>
    <message>
        <location filename="../console/dialogs.py" line="186"/>
        <source>Write the message (at most {max} characters).</source>
        <translation>Tulis pesannya (paling banyak {max} karakter).</translation>
    </message>
    <message>
        <location filename="../console/dialogs.py" line="188"/>
        <source>Pick a free PC. No kiosk is free: start one on a spare PC.</source>
        <translation>Pilih PC kosong. Belum ada kios yang kosong: nyalakan kios di PC cadangan.</translation>
    </message>
</context>
<context>
    <name>ConsoleWindow</name>
    <message>
        <location filename="../console/window.py" line="249"/>
        <source>{room}, {site} · {date} {start}</source>
        <translation>{room}, {site} · {date} {start}</translation>
    </message>
    <message>
        <location filename="../console/window.py" line="254"/>
        <source>TOKEN: {token}</source>
        <translation>TOKEN: {token}</translation>
    </message>
    <message>
        <location filename="../console/window.py" line="282"/>
        <source>Expected {expected} · present {present} · late {late} · absent {absent} · not yet {not_yet}</source>
        <translation>Seharusnya {expected} · hadir {present} · terlambat {late} · tidak hadir {absent} · belum {not_yet}</translation>
    </message>
    <message>
        <location filename="../console/window.py" line="295"/>
        <source>Incidents ({n})</source>
        <translation>Kejadian ({n})</translation>
    </message>
    <message>
        <location filename="../console/window.py" line="319"/>
        <location filename="../console/window.py" line="323"/>
        <source>The room is not up to date: {error}</source>
        <translation>Ruang tidak terbarui: {error}</translation>
    </message>
    <message>
        <location filename="../console/window.py" line="330"/>
        <source>New token</source>
        <translation>Token baru</translation>
    </message>
    <message>
        <location filename="../console/window.py" line="331"/>
        <source>Make a new session token</source>
        <translation>Buat token sesi baru</translation>
    </message>
    <message>
        <location filename="../console/window.py" line="333"/>
        <source>Enrollment code for a new kiosk PC</source>
        <translation>Kode pendaftaran untuk PC kios baru</translation>
    </message>
    <message>
        <location filename="../console/window.py" line="334"/>
        <source>Bahasa Indonesia</source>
        <translation>Bahasa Indonesia</translation>
    </message>
    <message>
        <location filename="../console/window.py" line="335"/>
        <source>English</source>
        <translation>English</translation>
    </message>
    <message>
        <location filename="../console/window.py" line="336"/>
        <source>Berita acara</source>
        <translation>Berita acara</translation>
    </message>
    <message>
        <location filename="../console/window.py" line="337"/>
        <source>Open the berita acara (report)</source>
        <translation>Buka berita acara</translation>
    </message>
    <message>
        <location filename="../console/window.py" line="340"/>
        <source>Show: {f}</source>
        <translation>Tampilkan: {f}</translation>
    </message>
    <message>
        <location filename="../console/window.py" line="342"/>
        <source>Pause all</source>
        <translation>Jeda semua</translation>
    </message>
    <message>
        <location filename="../console/window.py" line="343"/>
        <source>Resume all</source>
        <translation>Lanjutkan semua</translation>
    </message>
    <message>
        <location filename="../console/window.py" line="344"/>
        <source>Extend all</source>
        <translation>Tambah waktu semua</translation>
    </message>
    <message>
        <location filename="../console/window.py" line="345"/>
        <source>Message all</source>
        <translation>Pesan ke semua</translation>
    </message>
    <message>
        <location filename="../console/window.py" line="346"/>
        <source>Lock all</source>
        <translation>Kunci semua</translation>
    </message>
    <message>
        <location filename="../console/window.py" line="347"/>
        <source>Unlock all</source>
        <translation>Buka kunci semua</translation>
    </message>
    <message>
        <location filename="../console/window.py" line="348"/>
        <source>Force submit all (end of session)</source>
        <translation>Paksa kumpulkan semua (akhir sesi)</translation>
    </message>
    <message>
        <location filename="../console/window.py" line="349"/>
        <source>Unlock code for quitting a kiosk</source>
        <translation>Kode buka untuk keluar dari kios</translation>
    </message>
    <message>
        <location filename="../console/window.py" line="353"/>
        <source>Whole room</source>
        <translation>Seluruh ruang</translation>
    </message>
    <message>
        <location filename="../console/window.py" line="354"/>
        <source>Controls for the whole room</source>
        <translation>Kendali untuk seluruh ruang</translation>
    </message>
    <message>
        <location filename="../console/window.py" line="356"/>
        <source>Seat map</source>
        <translation>Denah kursi</translation>
    </message>
    <message>
        <location filename="../console/window.py" line="357"/>
        <source>Incidents, newest first</source>
        <translation>Kejadian, terbaru di atas</translation>
    </message>
    <message>
        <location filename="../console/window.py" line="358"/>
        <location filename="../console/window.py" line="361"/>
        <source>Attendance</source>
        <translation>Kehadiran</translation>
    </message>
    <message>
        <location filename="../console/window.py" line="359"/>
        <source>Candidate</source>
        <translation>Peserta</translation>
    </message>
    <message>
        <location filename="../console/window.py" line="360"/>
        <source>Incidents</source>
        <translation>Kejadian</translation>
    </message>
    <message>
        <location filename="../console/window.py" line="362"/>
        <source>Back</source>
        <translation>Kembali</translation>
    </message>
    <message>
        <location filename="../console/window.py" line="363"/>
        <source>Back to the candidate, incidents and attendance</source>
        <translation>Kembali ke peserta, kejadian, dan kehadiran</translation>
    </message>
    <message>
        <location filename="../console/window.py" line="365"/>
        <source>Ujikom — proctor console</source>
        <translation>Ujikom — konsol pengawas</translation>
    </message>
    <message>
        <location filename="../console/window.py" line="373"/>
        <source>Pause</source>
        <translation>Jeda</translation>
    </message>
    <message>
        <location filename="../console/window.py" line="374"/>
        <source>Resume</source>
        <translation>Lanjutkan</translation>
    </message>
    <message>
        <location filename="../console/window.py" line="375"/>
        <source>Extend</source>
        <translation>Tambah waktu</translation>
    </message>
    <message>
        <location filename="../console/window.py" line="376"/>
        <source>Lock</source>
        <translation>Kunci</translation>
    </message>
    <message>
        <location filename="../console/window.py" line="377"/>
        <source>Unlock</source>
        <translation>Buka kunci</translation>
    </message>
    <message>
        <location filename="../console/window.py" line="378"/>
        <source>Message</source>
        <translation>Pesan</translation>
    </message>
    <message>
        <location filename="../console/window.py" line="379"/>
        <source>Answer hand</source>
        <translation>Tanggapi tangan</translation>
    </message>
    <message>
        <location filename="../console/window.py" line="380"/>
        <source>Force submit</source>
        <translation>Paksa kumpulkan</translation>
    </message>
    <message>
        <location filename="../console/window.py" line="381"/>
        <source>Read aloud (accommodation)</source>
        <translation>Dibacakan (akomodasi)</translation>
    </message>
    <message>
        <location filename="../console/window.py" line="382"/>
        <source>Move to spare PC</source>
        <translation>Pindah ke PC cadangan</translation>
    </message>
    <message>
        <location filename="../console/window.py" line="485"/>
        <source>the whole room</source>
        <translation>seluruh ruang</translation>
    </message>
    <message>
        <location filename="../console/window.py" line="500"/>
        <source>Sent: {what}</source>
        <translation>Terkirim: {what}</translation>
    </message>
    <message>
        <location filename="../console/window.py" line="504"/>
        <source>Move of {who} to {kiosk} authorized: the candidate signs in there</source>
        <translation>Perpindahan {who} ke {kiosk} diizinkan: peserta masuk di sana</translation>
    </message>
    <message>
        <location filename="../console/window.py" line="507"/>
        <source>Unlock code for quitting: {code} (at the kiosk press Ctrl+Alt+Shift+K)</source>
        <translation>Kode buka untuk keluar: {code} (di PC peserta tekan Ctrl+Alt+Shift+K)</translation>
    </message>
    <message>
        <location filename="../console/window.py" line="511"/>
        <location filename="../console/window.py" line="515"/>
        <source>Not sent: {error}</source>
        <translation>Tidak terkirim: {error}</translation>
    </message>
    <message>
        <location filename="../console/window.py" line="525"/>
        <source>{who} on PC {kiosk}</source>
        <translation>{who} di PC {kiosk}</translation>
    </message>
    <message>
        <location filename="../console/window.py" line="538"/>
        <source>Not decided: {error}</source>
        <translation>Belum diputuskan: {error}</translation>
    </message>
    <message>
        <location filename="../console/window.py" line="540"/>
        <source>{who}&apos;s login on {kiosk} approved: the PC reconnects and the candidate continues</source>
        <translation>Login {who} di {kiosk} disetujui: PC tersambung ulang dan peserta melanjutkan</translation>
    </message>
    <message>
        <location filename="../console/window.py" line="542"/>
        <source>{who}&apos;s login on {kiosk} refused</source>
        <translation>Login {who} di {kiosk} ditolak</translation>
    </message>
    <message>
        <location filename="../console/window.py" line="550"/>
        <source>No new token: {error}</source>
        <translation>Token baru tidak dibuat: {error}</translation>
    </message>
    <message>
        <location filename="../console/window.py" line="552"/>
        <source>New token: {token}. Tell the room.</source>
        <translation>Token baru: {token}. Umumkan ke ruang ujian.</translation>
    </message>
    <message>
        <location filename="../console/window.py" line="560"/>
        <source>No enrollment code: {error}</source>
        <translation>Kode pendaftaran tidak dibuat: {error}</translation>
    </message>
    <message>
        <location filename="../console/window.py" line="562"/>
        <source>Enrollment code: {code} (one use only; type it on the new kiosk PC)</source>
        <translation>Kode pendaftaran: {code} (sekali pakai; ketik di PC kios yang baru)</translation>
    </message>
</context>
<context>
    <name>DetailPanel</name>
    <message>
        <location filename="../console/detail.py" line="96"/>
        <source>Proctor&apos;s commands</source>
        <translation>Perintah pengawas</translation>
    </message>
    <message>
        <location filename="../console/detail.py" line="97"/>
        <source>The proctor&apos;s commands to this candidate and whether they arrived</source>
        <translation>Perintah pengawas untuk peserta ini dan apakah sudah sampai</translation>
    </message>
    <message>
        <location filename="../console/detail.py" line="99"/>
        <source>Timeline</source>
        <translation>Riwayat</translation>
    </message>
    <message>
        <location filename="../console/detail.py" line="100"/>
        <source>Timeline of the candidate&apos;s events</source>
        <translation>Riwayat kejadian peserta</translation>
    </message>
    <message>
        <location filename="../console/detail.py" line="121"/>
        <source>No seat selected</source>
        <translation>Belum ada kursi dipilih</translation>
    </message>
    <message>
        <location filename="../console/detail.py" line="122"/>
        <source>Click a seat (or Tab to it and press Enter) to see the candidate&apos;s details and controls.</source>
        <translation>Klik kursi (atau Tab ke kursi lalu tekan Enter) untuk melihat rincian dan kendali peserta.</translation>
    </message>
    <message>
        <location filename="../console/detail.py" line="128"/>
        <source>Seat {seat}: spare PC</source>
        <translation>Kursi {seat}: PC cadangan</translation>
    </message>
    <message>
        <location filename="../console/detail.py" line="134"/>
        <source>Connection: {status}</source>
        <translation>Koneksi: {status}</translation>
    </message>
    <message>
        <location filename="../console/detail.py" line="136"/>
        <source>Attendance: {a}</source>
        <translation>Kehadiran: {a}</translation>
    </message>
    <message>
        <location filename="../console/detail.py" line="137"/>
        <source>Stage: {phase}</source>
        <translation>Tahap: {phase}</translation>
    </message>
    <message>
        <location filename="../console/detail.py" line="138"/>
        <source>Answered: {a} of {t}</source>
        <translation>Terjawab: {a} dari {t}</translation>
    </message>
    <message>
        <location filename="../console/detail.py" line="141"/>
        <source>Time left: {t}</source>
        <translation>Waktu tersisa: {t}</translation>
    </message>
    <message>
        <location filename="../console/detail.py" line="144"/>
        <source>hand raised</source>
        <translation>angkat tangan</translation>
    </message>
    <message>
        <location filename="../console/detail.py" line="170"/>
        <source>Login waiting for your decision (Approve / Refuse above):</source>
        <translation>Login menunggu keputusan Anda (Setujui / Tolak di atas):</translation>
    </message>
</context>
<context>
    <name>FailureDialog</name>
    <message>
        <location filename="../console/failure_words.py" line="90"/>
        <source>Ujikom — proctor console</source>
        <translation>Ujikom — konsol pengawas</translation>
    </message>
    <message>
        <location filename="../console/failure_words.py" line="95"/>
        <source>Details (for the technician)</source>
        <translation>Rincian (untuk teknisi)</translation>
    </message>
    <message>
        <location filename="../console/failure_words.py" line="101"/>
        <source>Close</source>
        <translation>Tutup</translation>
    </message>
</context>
<context>
    <name>FailureWords</name>
    <message>
        <location filename="../console/failure_words.py" line="40"/>
        <source>the disk of this PC is full: free some space, then try again</source>
        <translation>disk PC ini penuh: kosongkan sebagian ruang, lalu coba lagi</translation>
    </message>
    <message>
        <location filename="../console/failure_words.py" line="42"/>
        <source>this PC does not allow using that file or folder: choose another place</source>
        <translation>PC ini tidak mengizinkan berkas atau folder itu dipakai: pilih tempat lain</translation>
    </message>
    <message>
        <location filename="../console/failure_words.py" line="44"/>
        <source>a file or folder it needs is not there: check the name and the place</source>
        <translation>berkas atau folder yang diperlukan tidak ada: periksa nama dan tempatnya</translation>
    </message>
    <message>
        <location filename="../console/failure_words.py" line="46"/>
        <source>a file it needs is damaged or not the right kind</source>
        <translation>berkas yang diperlukan rusak atau bukan jenis yang benar</translation>
    </message>
    <message>
        <location filename="../console/failure_words.py" line="48"/>
        <source>the certificate is not accepted or is not a certificate</source>
        <translation>sertifikat tidak diterima atau bukan sertifikat</translation>
    </message>
    <message>
        <location filename="../console/failure_words.py" line="50"/>
        <source>the passphrase does not open this lab&apos;s keys or the proctor&apos;s record</source>
        <translation>frasa sandi tidak dapat membuka kunci lab ini atau catatan pengawas</translation>
    </message>
    <message>
        <location filename="../console/failure_words.py" line="52"/>
        <source>another program uses the lab server&apos;s port (is a console already open?)</source>
        <translation>port server lab dipakai program lain (apakah konsol sudah terbuka?)</translation>
    </message>
    <message>
        <location filename="../console/failure_words.py" line="54"/>
        <source>the proctor&apos;s record cannot be used: call the technician</source>
        <translation>catatan pengawas tidak dapat dipakai: hubungi teknisi</translation>
    </message>
    <message>
        <location filename="../console/failure_words.py" line="56"/>
        <source>the lab server on this PC does not answer: try again, or restart the console</source>
        <translation>server lab di PC ini tidak menjawab: coba lagi, atau mulai ulang konsol</translation>
    </message>
    <message>
        <location filename="../console/failure_words.py" line="58"/>
        <source>the connection was refused or lost: check the network</source>
        <translation>sambungan ditolak atau terputus: periksa jaringan</translation>
    </message>
    <message>
        <location filename="../console/failure_words.py" line="60"/>
        <source>the request is incomplete or not allowed now</source>
        <translation>permintaan tidak lengkap atau tidak diizinkan saat ini</translation>
    </message>
    <message>
        <location filename="../console/failure_words.py" line="61"/>
        <source>an unexpected error on this PC: call the technician</source>
        <translation>terjadi galat tak terduga di PC ini: hubungi teknisi</translation>
    </message>
    <message>
        <location filename="../console/failure_words.py" line="66"/>
        <source>{file} is not a usable office certificate: choose the admin.pem the office gave this lab</source>
        <translation>{file} bukan sertifikat kantor yang dapat dipakai: pilih admin.pem yang diberikan kantor untuk lab ini</translation>
    </message>
    <message>
        <location filename="../console/failure_words.py" line="70"/>
        <source>The console cannot start: {error}</source>
        <translation>Konsol tidak dapat dimulai: {error}</translation>
    </message>
    <message>
        <location filename="../console/failure_words.py" line="73"/>
        <source>Technical detail (English): {detail}</source>
        <translation>Rincian teknis (bahasa Inggris): {detail}</translation>
    </message>
</context>
<context>
    <name>HeldLoginsBanner</name>
    <message>
        <location filename="../console/held_logins.py" line="50"/>
        <source>Logins waiting for your decision: {n}</source>
        <translation>Login menunggu keputusan Anda: {n}</translation>
    </message>
    <message>
        <location filename="../console/held_logins.py" line="67"/>
        <source>Approve</source>
        <translation>Setujui</translation>
    </message>
    <message>
        <location filename="../console/held_logins.py" line="68"/>
        <source>Approve {who}&apos;s login on {kiosk}</source>
        <translation>Setujui login {who} di {kiosk}</translation>
    </message>
    <message>
        <location filename="../console/held_logins.py" line="71"/>
        <source>Refuse</source>
        <translation>Tolak</translation>
    </message>
    <message>
        <location filename="../console/held_logins.py" line="72"/>
        <source>Refuse {who}&apos;s login on {kiosk}</source>
        <translation>Tolak login {who} di {kiosk}</translation>
    </message>
    <message>
        <location filename="../console/held_logins.py" line="87"/>
        <source>{who} on PC {kiosk} at seat {seat}: {why}</source>
        <translation>{who} di PC {kiosk} kursi {seat}: {why}</translation>
    </message>
    <message>
        <location filename="../console/held_logins.py" line="89"/>
        <source>{who} on PC {kiosk} at seat {seat} (seat plan: {planned}): {why}</source>
        <translation>{who} di PC {kiosk} kursi {seat} (denah kursi: {planned}): {why}</translation>
    </message>
    <message>
        <location filename="../console/held_logins.py" line="97"/>
        <source>the seat plan puts them at {planned}, this PC is at {seat}</source>
        <translation>menurut denah kursi tempatnya di {planned}, PC ini di {seat}</translation>
    </message>
    <message>
        <location filename="../console/held_logins.py" line="100"/>
        <source>this PC is still in use by {others}, who has not submitted</source>
        <translation>PC ini masih dipakai {others} yang belum mengumpulkan</translation>
    </message>
</context>
<context>
    <name>PreflightPanel</name>
    <message>
        <location filename="../console/preflight_panel.py" line="89"/>
        <source>Preflight of each kiosk PC</source>
        <translation>Pemeriksaan awal setiap PC kiosk</translation>
    </message>
    <message>
        <location filename="../console/preflight_panel.py" line="93"/>
        <source>pass</source>
        <translation>lulus</translation>
    </message>
    <message>
        <location filename="../console/preflight_panel.py" line="93"/>
        <source>warning</source>
        <translation>peringatan</translation>
    </message>
    <message>
        <location filename="../console/preflight_panel.py" line="94"/>
        <source>FAIL</source>
        <translation>GAGAL</translation>
    </message>
    <message>
        <location filename="../console/preflight_panel.py" line="97"/>
        <source>PC check</source>
        <translation>Cek PC</translation>
    </message>
    <message>
        <location filename="../console/preflight_panel.py" line="102"/>
        <source>PC check: {n} failing</source>
        <translation>Cek PC: {n} gagal</translation>
    </message>
    <message>
        <location filename="../console/preflight_panel.py" line="104"/>
        <source>PC check: {n} warning</source>
        <translation>Cek PC: {n} peringatan</translation>
    </message>
    <message>
        <location filename="../console/preflight_panel.py" line="105"/>
        <source>PC check: {n} pass</source>
        <translation>Cek PC: {n} lulus</translation>
    </message>
    <message>
        <location filename="../console/preflight_panel.py" line="111"/>
        <source>{passed} pass · {warned} warning · {failed} failing · {missing} connected without a report</source>
        <translation>{passed} lulus · {warned} peringatan · {failed} gagal · {missing} tersambung tanpa laporan</translation>
    </message>
    <message>
        <location filename="../console/preflight_panel.py" line="127"/>
        <source>Session is open</source>
        <translation>Sesi sudah dibuka</translation>
    </message>
    <message>
        <location filename="../console/preflight_panel.py" line="128"/>
        <source>Open the session</source>
        <translation>Buka sesi</translation>
    </message>
    <message>
        <location filename="../console/preflight_panel.py" line="147"/>
        <source>The preflight fails at {where}. Why open the session anyway? (recorded in the incident log)</source>
        <translation>Pemeriksaan awal gagal di {where}. Mengapa sesi tetap dibuka? (dicatat di log kejadian)</translation>
    </message>
    <message>
        <location filename="../console/preflight_panel.py" line="150"/>
        <source>The session stays closed: a reason is needed.</source>
        <translation>Sesi tetap tertutup: alasan wajib diisi.</translation>
    </message>
    <message>
        <location filename="../console/preflight_panel.py" line="156"/>
        <source>The session stays closed: the preflight fails at {where}.</source>
        <translation>Sesi tetap tertutup: pemeriksaan awal gagal di {where}.</translation>
    </message>
    <message>
        <location filename="../console/preflight_panel.py" line="168"/>
        <source>The session stays closed: {error}</source>
        <translation>Sesi tetap tertutup: {error}</translation>
    </message>
    <message>
        <location filename="../console/preflight_panel.py" line="163"/>
        <source>The session is open.</source>
        <translation>Sesi telah dibuka.</translation>
    </message>
</context>
<context>
    <name>SealPanel</name>
    <message>
        <location filename="../console/seal_panel.py" line="122"/>
        <source>The record of earlier sealings cannot be read: {error}</source>
        <translation>Catatan penyegelan sebelumnya tidak dapat dibaca: {error}</translation>
    </message>
    <message>
        <location filename="../console/seal_panel.py" line="144"/>
        <source>Before sealing, decide on these logs ({n}): accept one (the reason goes on record) or reject it (the candidate is sealed as absent).</source>
        <translation>Sebelum menyegel, putuskan log berikut ({n}): terima (alasannya dicatat) atau tolak (peserta disegel sebagai tidak hadir).</translation>
    </message>
    <message>
        <location filename="../console/seal_panel.py" line="152"/>
        <source>Accept</source>
        <translation>Terima</translation>
    </message>
    <message>
        <location filename="../console/seal_panel.py" line="153"/>
        <source>Accept {who}&apos;s log</source>
        <translation>Terima log {who}</translation>
    </message>
    <message>
        <location filename="../console/seal_panel.py" line="156"/>
        <source>Reject</source>
        <translation>Tolak</translation>
    </message>
    <message>
        <location filename="../console/seal_panel.py" line="157"/>
        <source>Reject {who}&apos;s log</source>
        <translation>Tolak log {who}</translation>
    </message>
    <message>
        <location filename="../console/seal_panel.py" line="169"/>
        <source>PC {kiosk} at seat {seat}</source>
        <translation>PC {kiosk} di kursi {seat}</translation>
    </message>
    <message>
        <location filename="../console/seal_panel.py" line="170"/>
        <source>an unknown PC</source>
        <translation>PC yang tidak dikenal</translation>
    </message>
    <message>
        <location filename="../console/seal_panel.py" line="173"/>
        <source>the berita acara marks them absent, but {n} events of theirs came from {where}</source>
        <translation>berita acara mencatatnya tidak hadir, tetapi ada {n} catatan miliknya dari {where}</translation>
    </message>
    <message>
        <location filename="../console/seal_panel.py" line="176"/>
        <source>their log began at {where}, the seat plan puts them at {planned}, and nobody approved that login</source>
        <translation>lognya dimulai di {where}, menurut denah kursi tempatnya di {planned}, dan login itu belum disetujui pengawas</translation>
    </message>
    <message>
        <location filename="../console/seal_panel.py" line="197"/>
        <source>Not decided: {error}</source>
        <translation>Belum diputuskan: {error}</translation>
    </message>
    <message>
        <location filename="../console/seal_panel.py" line="201"/>
        <source>{who}&apos;s log accepted: it will be sealed.</source>
        <translation>Log {who} diterima: log ini akan disegel.</translation>
    </message>
    <message>
        <location filename="../console/seal_panel.py" line="202"/>
        <source>{who}&apos;s log rejected: {who} is sealed as absent.</source>
        <translation>Log {who} ditolak: {who} disegel sebagai tidak hadir.</translation>
    </message>
    <message>
        <location filename="../console/seal_panel.py" line="208"/>
        <source>Not sealed yet.</source>
        <translation>Belum disegel.</translation>
    </message>
    <message>
        <location filename="../console/seal_panel.py" line="210"/>
        <source>Sealing #{n} at {when}: {file}</source>
        <translation>Penyegelan #{n} pada {when}: {file}</translation>
    </message>
    <message>
        <location filename="../console/seal_panel.py" line="216"/>
        <source>Seal the results</source>
        <translation>Segel hasil</translation>
    </message>
    <message>
        <location filename="../console/seal_panel.py" line="218"/>
        <source>Sealing puts every candidate&apos;s log and makalah, the berita acara and the incidents into one file, signed with this lab&apos;s seal and encrypted for the office. Sealing again later (a late candidate) makes a new file that replaces the earlier one at the office; both stay valid.</source>
        <translation>Penyegelan memasukkan log dan makalah setiap peserta, berita acara, dan daftar kejadian ke dalam satu berkas yang ditandatangani dengan segel lab ini dan dienkripsi untuk kantor. Menyegel lagi nanti (peserta yang terlambat selesai) membuat berkas baru yang menggantikan berkas sebelumnya di kantor; keduanya tetap sah.</translation>
    </message>
    <message>
        <location filename="../console/seal_panel.py" line="222"/>
        <source>Office certificate (admin.pem)</source>
        <translation>Sertifikat kantor (admin.pem)</translation>
    </message>
    <message>
        <location filename="../console/seal_panel.py" line="223"/>
        <source>Office certificate file</source>
        <translation>Berkas sertifikat kantor</translation>
    </message>
    <message>
        <location filename="../console/seal_panel.py" line="224"/>
        <location filename="../console/seal_panel.py" line="248"/>
        <source>Save the sealed file as</source>
        <translation>Simpan berkas tersegel sebagai</translation>
    </message>
    <message>
        <location filename="../console/seal_panel.py" line="225"/>
        <source>Sealed file name</source>
        <translation>Nama berkas tersegel</translation>
    </message>
    <message>
        <location filename="../console/seal_panel.py" line="227"/>
        <source>Choose…</source>
        <translation>Pilih…</translation>
    </message>
    <message>
        <location filename="../console/seal_panel.py" line="228"/>
        <source>Choose the office certificate</source>
        <translation>Pilih sertifikat kantor</translation>
    </message>
    <message>
        <location filename="../console/seal_panel.py" line="229"/>
        <source>Choose where to save the sealed file</source>
        <translation>Pilih tempat menyimpan berkas tersegel</translation>
    </message>
    <message>
        <location filename="../console/seal_panel.py" line="230"/>
        <source>Seal now</source>
        <translation>Segel sekarang</translation>
    </message>
    <message>
        <location filename="../console/seal_panel.py" line="231"/>
        <source>Seal the session&apos;s results now</source>
        <translation>Segel hasil sesi ini sekarang</translation>
    </message>
    <message>
        <location filename="../console/seal_panel.py" line="241"/>
        <source>Office certificate</source>
        <translation>Sertifikat kantor</translation>
    </message>
    <message>
        <location filename="../console/seal_panel.py" line="243"/>
        <source>Certificates (*.pem)</source>
        <translation>Sertifikat (*.pem)</translation>
    </message>
    <message>
        <location filename="../console/seal_panel.py" line="250"/>
        <source>Sealed results (*.p7m)</source>
        <translation>Hasil tersegel (*.p7m)</translation>
    </message>
    <message>
        <location filename="../console/seal_panel.py" line="263"/>
        <source>Choose the office certificate (admin.pem) that the office gave this lab.</source>
        <translation>Pilih sertifikat kantor (admin.pem) yang diberikan kantor kepada lab ini.</translation>
    </message>
    <message>
        <location filename="../console/seal_panel.py" line="268"/>
        <source>Say where to save the sealed file.</source>
        <translation>Tentukan tempat menyimpan berkas tersegel.</translation>
    </message>
    <message>
        <location filename="../console/seal_panel.py" line="272"/>
        <source>{path} already exists: choose another name (an earlier sealing is never overwritten).</source>
        <translation>{path} sudah ada: pilih nama lain (penyegelan sebelumnya tidak pernah ditimpa).</translation>
    </message>
    <message>
        <location filename="../console/seal_panel.py" line="278"/>
        <source>Sealing… (a room of 4-hour papers takes a few seconds)</source>
        <translation>Menyegel… (ruangan dengan makalah 4 jam butuh beberapa detik)</translation>
    </message>
    <message>
        <location filename="../console/seal_panel.py" line="308"/>
        <source>the berita acara is not written yet: fill it in above and create its PDF</source>
        <translation>berita acara belum dibuat: isi formulir di atas lalu buat PDF-nya</translation>
    </message>
    <message>
        <location filename="../console/seal_panel.py" line="311"/>
        <source>the berita acara above is incomplete ({n} fields): complete it and create its PDF again</source>
        <translation>berita acara di atas belum lengkap ({n} isian): lengkapi lalu buat PDF-nya lagi</translation>
    </message>
    <message>
        <location filename="../console/seal_panel.py" line="314"/>
        <source>decide first on the questioned logs listed above: {who}</source>
        <translation>putuskan dulu log yang dipertanyakan di atas: {who}</translation>
    </message>
    <message>
        <location filename="../console/seal_panel.py" line="318"/>
        <source>the sealing was refused ({code})</source>
        <translation>penyegelan ditolak ({code})</translation>
    </message>
    <message>
        <location filename="../console/seal_panel.py" line="325"/>
        <source>Sealed (#{n}): {candidates} candidates, {submitted} submitted. Take {path} to the office. Its fingerprint (SHA-256): {digest}</source>
        <translation>Tersegel (#{n}): {candidates} peserta, {submitted} mengumpulkan. Bawa {path} ke kantor. Sidik jarinya (SHA-256): {digest}</translation>
    </message>
    <message>
        <location filename="../console/seal_panel.py" line="298"/>
        <location filename="../console/seal_panel.py" line="333"/>
        <source>Not sealed: {error}</source>
        <translation>Tidak disegel: {error}</translation>
    </message>
</context>
<context>
    <name>Status</name>
    <message>
        <location filename="../../exam_bank/status_words.py" line="37"/>
        <source>Not signed in</source>
        <translation>Belum masuk</translation>
    </message>
    <message>
        <location filename="../../exam_bank/status_words.py" line="38"/>
        <source>Signing in</source>
        <translation>Sedang masuk</translation>
    </message>
    <message>
        <location filename="../../exam_bank/status_words.py" line="39"/>
        <source>Checking identity</source>
        <translation>Cek identitas</translation>
    </message>
    <message>
        <location filename="../../exam_bank/status_words.py" line="40"/>
        <source>Reading the rules</source>
        <translation>Membaca tata tertib</translation>
    </message>
    <message>
        <location filename="../../exam_bank/status_words.py" line="41"/>
        <source>Working</source>
        <translation>Mengerjakan</translation>
    </message>
    <message>
        <location filename="../../exam_bank/status_words.py" line="42"/>
        <source>Between sections</source>
        <translation>Antarbagian</translation>
    </message>
    <message>
        <location filename="../../exam_bank/status_words.py" line="43"/>
        <source>Paused</source>
        <translation>Dijeda</translation>
    </message>
    <message>
        <location filename="../../exam_bank/status_words.py" line="44"/>
        <source>Locked</source>
        <translation>Dikunci</translation>
    </message>
    <message>
        <location filename="../../exam_bank/status_words.py" line="45"/>
        <source>Finished</source>
        <translation>Selesai</translation>
    </message>
</context>
<context>
    <name>Words</name>
    <message>
        <location filename="../console/words.py" line="92"/>
        <source>Online</source>
        <translation>Terhubung</translation>
    </message>
    <message>
        <location filename="../console/words.py" line="93"/>
        <source>Slow</source>
        <translation>Lambat</translation>
    </message>
    <message>
        <location filename="../console/words.py" line="94"/>
        <source>Lost</source>
        <translation>Terputus</translation>
    </message>
    <message>
        <location filename="../console/words.py" line="95"/>
        <location filename="../console/words.py" line="111"/>
        <source>Not yet</source>
        <translation>Belum</translation>
    </message>
    <message>
        <location filename="../console/words.py" line="96"/>
        <location filename="../console/words.py" line="110"/>
        <source>Absent</source>
        <translation>Tidak hadir</translation>
    </message>
    <message>
        <location filename="../console/words.py" line="108"/>
        <source>Present</source>
        <translation>Hadir</translation>
    </message>
    <message>
        <location filename="../console/words.py" line="109"/>
        <source>Late</source>
        <translation>Terlambat</translation>
    </message>
    <message>
        <location filename="../console/words.py" line="139"/>
        <source>Submitted</source>
        <translation>Selesai</translation>
    </message>
    <message>
        <location filename="../console/words.py" line="135"/>
        <source>All</source>
        <translation>Semua</translation>
    </message>
    <message>
        <location filename="../console/words.py" line="98"/>
        <source>Exited (proctor&apos;s code)</source>
        <translation>Keluar (kode pengawas)</translation>
    </message>
    <message>
        <location filename="../console/words.py" line="104"/>
        <source>Exited</source>
        <translation>Keluar</translation>
    </message>
    <message>
        <location filename="../console/words.py" line="120"/>
        <source>{attendance}, signed in {time}</source>
        <translation>{attendance}, masuk {time}</translation>
    </message>
    <message>
        <location filename="../console/words.py" line="136"/>
        <source>Problems</source>
        <translation>Bermasalah</translation>
    </message>
    <message>
        <location filename="../console/words.py" line="137"/>
        <source>Hand raised</source>
        <translation>Angkat tangan</translation>
    </message>
    <message>
        <location filename="../console/words.py" line="138"/>
        <source>Not started</source>
        <translation>Belum mulai</translation>
    </message>
    <message>
        <location filename="../console/words.py" line="148"/>
        <source>Forbidden program running on the PC</source>
        <translation>Program terlarang berjalan di PC</translation>
    </message>
    <message>
        <location filename="../console/words.py" line="149"/>
        <source>Extra screen attached to the PC</source>
        <translation>Layar tambahan terpasang di PC</translation>
    </message>
    <message>
        <location filename="../console/words.py" line="150"/>
        <source>New network connection on the PC</source>
        <translation>Sambungan jaringan baru di PC</translation>
    </message>
    <message>
        <location filename="../console/words.py" line="151"/>
        <source>Removable drive (flash disk) attached</source>
        <translation>Media lepasan (flashdisk) terpasang</translation>
    </message>
    <message>
        <location filename="../console/words.py" line="152"/>
        <source>Exam app running in a virtual machine</source>
        <translation>Aplikasi ujian berjalan di mesin virtual</translation>
    </message>
    <message>
        <location filename="../console/words.py" line="153"/>
        <source>Blocked shortcut key pressed</source>
        <translation>Tombol pintas yang diblokir ditekan</translation>
    </message>
    <message>
        <location filename="../console/words.py" line="154"/>
        <source>Wrong unlock code entered</source>
        <translation>Kode pembuka kunci salah</translation>
    </message>
    <message>
        <location filename="../console/words.py" line="155"/>
        <source>Tried to close the exam app (refused)</source>
        <translation>Upaya menutup aplikasi ujian (ditolak)</translation>
    </message>
    <message>
        <location filename="../console/words.py" line="156"/>
        <source>Wrong exit code typed at the seat</source>
        <translation>Kode keluar salah diketik di kursi</translation>
    </message>
    <message>
        <location filename="../console/words.py" line="157"/>
        <source>Exit dialog locked for a while: too many wrong codes</source>
        <translation>Dialog kode keluar dikunci sementara: terlalu banyak kode salah</translation>
    </message>
    <message>
        <location filename="../console/words.py" line="159"/>
        <source>Exam app closed with the proctor&apos;s exit code</source>
        <translation>Aplikasi ujian ditutup dengan kode keluar pengawas</translation>
    </message>
    <message>
        <location filename="../console/words.py" line="160"/>
        <location filename="../console/words.py" line="319"/>
        <source>Left the exam window</source>
        <translation>Meninggalkan jendela ujian</translation>
    </message>
    <message>
        <location filename="../console/words.py" line="161"/>
        <location filename="../console/words.py" line="318"/>
        <source>Paste refused</source>
        <translation>Tempel ditolak</translation>
    </message>
    <message>
        <location filename="../console/words.py" line="163"/>
        <source>Events from an unknown participant</source>
        <translation>Data dari peserta tak dikenal</translation>
    </message>
    <message>
        <location filename="../console/words.py" line="164"/>
        <source>Log refused: a different event at a stored place (fork)</source>
        <translation>Log ditolak: peristiwa berbeda di urutan yang sudah tersimpan (fork)</translation>
    </message>
    <message>
        <location filename="../console/words.py" line="165"/>
        <source>Log refused: events missing (gap)</source>
        <translation>Log ditolak: ada peristiwa yang hilang (celah)</translation>
    </message>
    <message>
        <location filename="../console/words.py" line="166"/>
        <source>Log refused: an event was changed</source>
        <translation>Log ditolak: ada peristiwa yang diubah</translation>
    </message>
    <message>
        <location filename="../console/words.py" line="167"/>
        <source>Log refused: events do not link up</source>
        <translation>Log ditolak: rantai peristiwa terputus</translation>
    </message>
    <message>
        <location filename="../console/words.py" line="168"/>
        <source>Events from a PC that is not the candidate&apos;s</source>
        <translation>Data dari PC yang bukan PC peserta</translation>
    </message>
    <message>
        <location filename="../console/words.py" line="169"/>
        <source>Move to another PC refused</source>
        <translation>Perpindahan ke PC lain ditolak</translation>
    </message>
    <message>
        <location filename="../console/words.py" line="170"/>
        <source>A kiosk answered a command never sent</source>
        <translation>Kios menjawab perintah yang tidak pernah dikirim</translation>
    </message>
    <message>
        <location filename="../console/words.py" line="171"/>
        <source>Log refused: a proctor&apos;s decision never given</source>
        <translation>Log ditolak: keputusan pengawas yang tidak pernah diberikan</translation>
    </message>
    <message>
        <location filename="../console/words.py" line="172"/>
        <source>A kiosk sent a malformed message</source>
        <translation>Kios mengirim pesan yang rusak</translation>
    </message>
    <message>
        <location filename="../console/words.py" line="173"/>
        <source>A PC without a lab certificate tried to connect</source>
        <translation>PC tanpa sertifikat lab mencoba terhubung</translation>
    </message>
    <message>
        <location filename="../console/words.py" line="174"/>
        <source>A PC connected but did not introduce itself</source>
        <translation>PC terhubung tetapi tidak memperkenalkan diri</translation>
    </message>
    <message>
        <location filename="../console/words.py" line="175"/>
        <source>A PC runs another Ujikom version: refused</source>
        <translation>PC dengan versi Ujikom lain ditolak</translation>
    </message>
    <message>
        <location filename="../console/words.py" line="176"/>
        <source>A PC&apos;s name does not match its certificate: refused</source>
        <translation>Nama PC tidak sesuai sertifikatnya: ditolak</translation>
    </message>
    <message>
        <location filename="../console/words.py" line="177"/>
        <source>A replayed connection refused</source>
        <translation>Sambungan yang diulang (sambungan lama dikirim lagi) ditolak</translation>
    </message>
    <message>
        <location filename="../console/words.py" line="178"/>
        <source>Too many PCs connected at once: refused</source>
        <translation>Terlalu banyak PC tersambung sekaligus: ditolak</translation>
    </message>
    <message>
        <location filename="../console/words.py" line="179"/>
        <source>Kiosk enrollment refused</source>
        <translation>Pendaftaran kios ditolak</translation>
    </message>
    <message>
        <location filename="../console/words.py" line="180"/>
        <source>Proctor PC error</source>
        <translation>Galat pada PC pengawas</translation>
    </message>
    <message>
        <location filename="../console/words.py" line="181"/>
        <source>Session opened over a failing PC check</source>
        <translation>Sesi dibuka meskipun cek PC gagal</translation>
    </message>
    <message>
        <location filename="../console/words.py" line="182"/>
        <source>First log refused: not a valid login of the candidate</source>
        <translation>Log pertama ditolak: bukan login peserta yang sah</translation>
    </message>
    <message>
        <location filename="../console/words.py" line="184"/>
        <source>Login at another seat or PC waits for your decision</source>
        <translation>Login di kursi atau PC lain menunggu keputusan Anda</translation>
    </message>
    <message>
        <location filename="../console/words.py" line="185"/>
        <source>Login at another seat or PC approved</source>
        <translation>Login di kursi atau PC lain disetujui</translation>
    </message>
    <message>
        <location filename="../console/words.py" line="186"/>
        <source>Login at another seat or PC refused</source>
        <translation>Login di kursi atau PC lain ditolak</translation>
    </message>
    <message>
        <location filename="../console/words.py" line="187"/>
        <source>Questioned log accepted</source>
        <translation>Log yang dipertanyakan diterima</translation>
    </message>
    <message>
        <location filename="../console/words.py" line="188"/>
        <source>Questioned log rejected: sealed as absent</source>
        <translation>Log yang dipertanyakan ditolak: disegel sebagai tidak hadir</translation>
    </message>
    <message>
        <location filename="../console/words.py" line="190"/>
        <source>The kiosk received a malformed message</source>
        <translation>Kiosk menerima pesan yang rusak</translation>
    </message>
    <message>
        <location filename="../console/words.py" line="191"/>
        <source>The kiosk runs another Ujikom version</source>
        <translation>Kiosk memakai versi Ujikom lain</translation>
    </message>
    <message>
        <location filename="../console/words.py" line="192"/>
        <source>The kiosk&apos;s name does not match its certificate</source>
        <translation>Nama kiosk tidak sesuai sertifikatnya</translation>
    </message>
    <message>
        <location filename="../console/words.py" line="193"/>
        <source>The kiosk refused a replayed command</source>
        <translation>Kiosk menolak perintah ulangan</translation>
    </message>
    <message>
        <location filename="../console/words.py" line="194"/>
        <source>The kiosk refused an unauthorized command</source>
        <translation>Kiosk menolak perintah yang tidak sah</translation>
    </message>
    <message>
        <location filename="../console/words.py" line="195"/>
        <source>The kiosk tried to start while the session is closed</source>
        <translation>Kiosk mencoba mulai saat sesi ditutup</translation>
    </message>
    <message>
        <location filename="../console/words.py" line="197"/>
        <source>Error on the kiosk PC</source>
        <translation>Galat pada PC kiosk</translation>
    </message>
    <message>
        <location filename="../console/words.py" line="199"/>
        <source>Session opened</source>
        <translation>Sesi dibuka</translation>
    </message>
    <message>
        <location filename="../console/words.py" line="200"/>
        <source>Session closed</source>
        <translation>Sesi ditutup</translation>
    </message>
    <message>
        <location filename="../console/words.py" line="201"/>
        <source>New session token</source>
        <translation>Token sesi baru</translation>
    </message>
    <message>
        <location filename="../console/words.py" line="202"/>
        <source>Enrollment code issued</source>
        <translation>Kode pendaftaran PC dibuat</translation>
    </message>
    <message>
        <location filename="../console/words.py" line="203"/>
        <source>Quit code shown</source>
        <translation>Kode keluar diberikan</translation>
    </message>
    <message>
        <location filename="../console/words.py" line="204"/>
        <source>Move to a spare PC authorized</source>
        <translation>Pindah ke PC cadangan disetujui</translation>
    </message>
    <message>
        <location filename="../console/words.py" line="207"/>
        <source>Other technical incident ({code})</source>
        <translation>Kejadian teknis lain ({code})</translation>
    </message>
    <message>
        <location filename="../console/words.py" line="218"/>
        <source>A PC speaking protocol version {kiosk} refused: this proctor speaks {proctor}</source>
        <translation>PC dengan protokol versi {kiosk} ditolak: PC pengawas ini memakai versi {proctor}</translation>
    </message>
    <message>
        <location filename="../console/words.py" line="222"/>
        <source>Wrong exit code typed at the seat, {n} times</source>
        <translation>Kode keluar salah {n} kali</translation>
    </message>
    <message>
        <location filename="../console/words.py" line="225"/>
        <source>, {n} times until {last}</source>
        <translation>, {n} kali sampai {last}</translation>
    </message>
    <message>
        <location filename="../console/words.py" line="231"/>
        <source>Technical detail (English): {kind}: {evidence}</source>
        <translation>Rincian teknis (bahasa Inggris): {kind}: {evidence}</translation>
    </message>
    <message>
        <location filename="../console/words.py" line="237"/>
        <source>PC {kiosk} is not enrolled in this lab</source>
        <translation>PC {kiosk} tidak terdaftar di lab ini</translation>
    </message>
    <message>
        <location filename="../console/words.py" line="239"/>
        <source>PC {kiosk} is in use by {others}: choose a free PC</source>
        <translation>PC {kiosk} sedang dipakai {others}: pilih PC yang kosong</translation>
    </message>
    <message>
        <location filename="../console/words.py" line="244"/>
        <source>pending: reaches the candidate when their PC is back</source>
        <translation>menunggu: sampai ke peserta saat PC-nya kembali</translation>
    </message>
    <message>
        <location filename="../console/words.py" line="246"/>
        <source>applied</source>
        <translation>diterapkan</translation>
    </message>
    <message>
        <location filename="../console/words.py" line="247"/>
        <source>no effect</source>
        <translation>tidak berpengaruh</translation>
    </message>
    <message>
        <location filename="../console/words.py" line="248"/>
        <source>refused</source>
        <translation>ditolak</translation>
    </message>
    <message>
        <location filename="../console/words.py" line="254"/>
        <source>{time} {action} ({reason}): {status}</source>
        <translation>{time} {action} ({reason}): {status}</translation>
    </message>
    <message>
        <location filename="../console/words.py" line="259"/>
        <source>by the candidate</source>
        <translation>oleh peserta</translation>
    </message>
    <message>
        <location filename="../console/words.py" line="259"/>
        <source>time up</source>
        <translation>waktu habis</translation>
    </message>
    <message>
        <location filename="../console/words.py" line="260"/>
        <source>by the proctor</source>
        <translation>oleh pengawas</translation>
    </message>
    <message>
        <location filename="../console/words.py" line="263"/>
        <location filename="../console/words.py" line="276"/>
        <source>spare PC</source>
        <translation>PC cadangan</translation>
    </message>
    <message>
        <location filename="../console/words.py" line="267"/>
        <source>HAND</source>
        <translation>TANGAN</translation>
    </message>
    <message>
        <location filename="../console/words.py" line="272"/>
        <source>Seat {seat}</source>
        <translation>Kursi {seat}</translation>
    </message>
    <message>
        <location filename="../console/words.py" line="280"/>
        <source>{answered} of {total} answered</source>
        <translation>{answered} dari {total} terjawab</translation>
    </message>
    <message>
        <location filename="../console/words.py" line="283"/>
        <source>{time} left</source>
        <translation>sisa {time}</translation>
    </message>
    <message>
        <location filename="../console/words.py" line="289"/>
        <source>hand raised</source>
        <translation>angkat tangan</translation>
    </message>
    <message>
        <location filename="../console/words.py" line="291"/>
        <source>{n} incident(s)</source>
        <translation>{n} kejadian</translation>
    </message>
    <message>
        <location filename="../console/words.py" line="293"/>
        <source>{n} command(s) pending</source>
        <translation>{n} perintah menunggu</translation>
    </message>
    <message>
        <location filename="../console/words.py" line="305"/>
        <source>Signed in</source>
        <translation>Masuk</translation>
    </message>
    <message>
        <location filename="../console/words.py" line="306"/>
        <source>Identity confirmed</source>
        <translation>Identitas dikonfirmasi</translation>
    </message>
    <message>
        <location filename="../console/words.py" line="307"/>
        <source>Read the rules</source>
        <translation>Membaca tata tertib</translation>
    </message>
    <message>
        <location filename="../console/words.py" line="308"/>
        <source>Started section {s}</source>
        <translation>Memulai bagian {s}</translation>
    </message>
    <message>
        <location filename="../console/words.py" line="309"/>
        <source>Answered question {n}</source>
        <translation>Menjawab soal {n}</translation>
    </message>
    <message>
        <location filename="../console/words.py" line="310"/>
        <source>Cleared the answer to question {n}</source>
        <translation>Menghapus jawaban soal {n}</translation>
    </message>
    <message>
        <location filename="../console/words.py" line="312"/>
        <source>Marked question {n} as unsure</source>
        <translation>Menandai ragu-ragu soal {n}</translation>
    </message>
    <message>
        <location filename="../console/words.py" line="313"/>
        <source>Unmarked question {n}</source>
        <translation>Menghapus tanda ragu-ragu soal {n}</translation>
    </message>
    <message>
        <location filename="../console/words.py" line="314"/>
        <source>Went to question {n}</source>
        <translation>Membuka soal {n}</translation>
    </message>
    <message>
        <location filename="../console/words.py" line="315"/>
        <source>Wrote the essay ({count} saves, until {until})</source>
        <translation>Menulis makalah ({count} kali simpan, sampai {until})</translation>
    </message>
    <message>
        <location filename="../console/words.py" line="320"/>
        <source>Back in the exam window</source>
        <translation>Kembali ke jendela ujian</translation>
    </message>
    <message>
        <location filename="../console/words.py" line="323"/>
        <source>Incident: {what}</source>
        <translation>Kejadian: {what}</translation>
    </message>
    <message>
        <location filename="../console/words.py" line="326"/>
        <source>{by} extended {s} by {m} min: {note}</source>
        <translation>{by} menambah waktu {s} {m} menit: {note}</translation>
    </message>
    <message>
        <location filename="../console/words.py" line="328"/>
        <source>Paused by {by}: {note}</source>
        <translation>Dijeda oleh {by}: {note}</translation>
    </message>
    <message>
        <location filename="../console/words.py" line="329"/>
        <source>Resumed by {by}</source>
        <translation>Dilanjutkan oleh {by}</translation>
    </message>
    <message>
        <location filename="../console/words.py" line="330"/>
        <source>Locked by {by}: {note}</source>
        <translation>Dikunci oleh {by}: {note}</translation>
    </message>
    <message>
        <location filename="../console/words.py" line="331"/>
        <source>Unlocked by {by}</source>
        <translation>Kunci dibuka oleh {by}</translation>
    </message>
    <message>
        <location filename="../console/words.py" line="332"/>
        <source>Message from {by}: {text}</source>
        <translation>Pesan dari {by}: {text}</translation>
    </message>
    <message>
        <location filename="../console/words.py" line="334"/>
        <source>{by} turned read-aloud on: {note}</source>
        <translation>{by} mengaktifkan dibacakan: {note}</translation>
    </message>
    <message>
        <location filename="../console/words.py" line="336"/>
        <source>Raised a hand</source>
        <translation>Mengangkat tangan</translation>
    </message>
    <message>
        <location filename="../console/words.py" line="337"/>
        <source>{by} answered the raised hand</source>
        <translation>{by} menanggapi angkat tangan</translation>
    </message>
    <message>
        <location filename="../console/words.py" line="338"/>
        <source>Resumed on PC {pc}</source>
        <translation>Melanjutkan di PC {pc}</translation>
    </message>
    <message>
        <location filename="../console/words.py" line="339"/>
        <source>Submitted section {s} ({why})</source>
        <translation>Mengumpulkan bagian {s} ({why})</translation>
    </message>
    <message>
        <location filename="../console/words.py" line="341"/>
        <source>Submitted the exam ({why})</source>
        <translation>Mengumpulkan ujian ({why})</translation>
    </message>
</context>
</TS>
