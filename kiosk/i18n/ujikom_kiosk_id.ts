<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="id_ID" sourcelanguage="en">
<context>
    <name>CoverWindow</name>
    <message>
        <location filename="../lockdown/widgets.py" line="235"/>
        <source>This screen is not used</source>
        <translation>Layar ini tidak digunakan</translation>
    </message>
    <message>
        <location filename="../lockdown/widgets.py" line="236"/>
        <source>The exam is on the main screen.</source>
        <translation>Ujian ditampilkan di layar utama.</translation>
    </message>
</context>
<context>
    <name>DisplayScreen</name>
    <message>
        <location filename="../screens/display.py" line="61"/>
        <source>Display</source>
        <translation>Tampilan</translation>
    </message>
    <message>
        <location filename="../screens/display.py" line="62"/>
        <source>Changes apply at once; your answers and time are not affected.</source>
        <translation>Perubahan langsung berlaku; jawaban dan waktu Anda tidak terpengaruh.</translation>
    </message>
    <message>
        <location filename="../screens/display.py" line="64"/>
        <location filename="../screens/display.py" line="67"/>
        <source>Text size</source>
        <translation>Ukuran tulisan</translation>
    </message>
    <message>
        <location filename="../screens/display.py" line="65"/>
        <source>Smaller text</source>
        <translation>Perkecil tulisan</translation>
    </message>
    <message>
        <location filename="../screens/display.py" line="66"/>
        <source>Larger text</source>
        <translation>Perbesar tulisan</translation>
    </message>
    <message>
        <location filename="../screens/display.py" line="68"/>
        <location filename="../screens/display.py" line="69"/>
        <source>High contrast</source>
        <translation>Kontras tinggi</translation>
    </message>
    <message>
        <location filename="../screens/display.py" line="70"/>
        <source>Language</source>
        <translation>Bahasa</translation>
    </message>
    <message>
        <location filename="../screens/display.py" line="71"/>
        <source>Back to the exam</source>
        <translation>Kembali ke ujian</translation>
    </message>
</context>
<context>
    <name>FailureDialog</name>
    <message>
        <location filename="../screens/failure.py" line="67"/>
        <source>Details (for the technician)</source>
        <translation>Rincian (untuk teknisi)</translation>
    </message>
    <message>
        <location filename="../screens/failure.py" line="70"/>
        <source>Technical detail (English)</source>
        <translation>Rincian teknis (bahasa Inggris)</translation>
    </message>
    <message>
        <location filename="../screens/failure.py" line="74"/>
        <source>Close</source>
        <translation>Tutup</translation>
    </message>
</context>
<context>
    <name>FailureWords</name>
    <message>
        <location filename="../screens/failure.py" line="25"/>
        <source>The exam cannot start on this computer. Please call the proctor.</source>
        <translation>Ujian belum dapat dimulai di komputer ini. Silakan hubungi pengawas.</translation>
    </message>
    <message>
        <location filename="../screens/failure.py" line="30"/>
        <source>The exam cannot start on this computer: {what}</source>
        <translation>Ujian belum dapat dimulai di komputer ini: {what}</translation>
    </message>
    <message>
        <location filename="../screens/failure.py" line="35"/>
        <source>The disk of this computer is full.</source>
        <translation>Disk komputer ini penuh.</translation>
    </message>
    <message>
        <location filename="../screens/failure.py" line="37"/>
        <source>The exam key or its passphrase does not fit this exam package.</source>
        <translation>Kunci ujian atau frasa sandinya tidak cocok dengan paket ujian ini.</translation>
    </message>
    <message>
        <location filename="../screens/failure.py" line="40"/>
        <source>A file the exam needs is missing or cannot be read on this computer.</source>
        <translation>Ada berkas ujian yang tidak ada atau tidak dapat dibaca di komputer ini.</translation>
    </message>
    <message>
        <location filename="../screens/failure.py" line="43"/>
        <source>This computer cannot connect to the proctor&apos;s computer.</source>
        <translation>Komputer ini tidak dapat tersambung ke komputer pengawas.</translation>
    </message>
    <message>
        <location filename="../screens/failure.py" line="45"/>
        <source>The exam data on this computer cannot be used.</source>
        <translation>Data ujian di komputer ini tidak dapat dipakai.</translation>
    </message>
    <message>
        <location filename="../screens/failure.py" line="47"/>
        <source>The kiosk&apos;s settings on this computer are incomplete.</source>
        <translation>Pengaturan kiosk di komputer ini belum lengkap.</translation>
    </message>
    <message>
        <location filename="../screens/failure.py" line="48"/>
        <source>An unexpected error happened on this computer.</source>
        <translation>Terjadi galat tak terduga di komputer ini.</translation>
    </message>
    <message>
        <location filename="../screens/failure.py" line="52"/>
        <source>Something went wrong on this computer. If the screen does not respond, please call the proctor; your earlier answers are safe.</source>
        <translation>Terjadi gangguan di komputer ini. Jika layar tidak merespons, silakan hubungi pengawas; jawaban Anda sebelumnya aman.</translation>
    </message>
</context>
<context>
    <name>FindBar</name>
    <message>
        <location filename="../screens/makalah/findbar.py" line="71"/>
        <source>Find:</source>
        <translation>Cari:</translation>
    </message>
    <message>
        <location filename="../screens/makalah/findbar.py" line="72"/>
        <source>Text to find</source>
        <translation>Teks yang dicari</translation>
    </message>
    <message>
        <location filename="../screens/makalah/findbar.py" line="73"/>
        <source>Previous</source>
        <translation>Sebelumnya</translation>
    </message>
    <message>
        <location filename="../screens/makalah/findbar.py" line="74"/>
        <source>Previous match</source>
        <translation>Temuan sebelumnya</translation>
    </message>
    <message>
        <location filename="../screens/makalah/findbar.py" line="75"/>
        <source>Previous match (Shift+Enter)</source>
        <translation>Temuan sebelumnya (Shift+Enter)</translation>
    </message>
    <message>
        <location filename="../screens/makalah/findbar.py" line="76"/>
        <source>Next</source>
        <translation>Berikutnya</translation>
    </message>
    <message>
        <location filename="../screens/makalah/findbar.py" line="77"/>
        <source>Next match</source>
        <translation>Temuan berikutnya</translation>
    </message>
    <message>
        <location filename="../screens/makalah/findbar.py" line="78"/>
        <source>Next match (Enter)</source>
        <translation>Temuan berikutnya (Enter)</translation>
    </message>
    <message>
        <location filename="../screens/makalah/findbar.py" line="79"/>
        <source>Close</source>
        <translation>Tutup</translation>
    </message>
    <message>
        <location filename="../screens/makalah/findbar.py" line="80"/>
        <source>Close find</source>
        <translation>Tutup pencarian</translation>
    </message>
    <message>
        <location filename="../screens/makalah/findbar.py" line="81"/>
        <source>Close find (Esc)</source>
        <translation>Tutup pencarian (Esc)</translation>
    </message>
    <message>
        <location filename="../screens/makalah/findbar.py" line="82"/>
        <source>Matches</source>
        <translation>Hasil pencarian</translation>
    </message>
    <message>
        <location filename="../screens/makalah/findbar.py" line="150"/>
        <source>Not found</source>
        <translation>Tidak ditemukan</translation>
    </message>
    <message>
        <location filename="../screens/makalah/findbar.py" line="152"/>
        <source>%1 of %2</source>
        <translation>%1 dari %2</translation>
    </message>
</context>
<context>
    <name>IdentityScreen</name>
    <message>
        <location filename="../screens/identity.py" line="57"/>
        <source>Is this you?</source>
        <translation>Apakah ini Anda?</translation>
    </message>
    <message>
        <location filename="../screens/identity.py" line="58"/>
        <source>Participant number</source>
        <translation>Nomor peserta</translation>
    </message>
    <message>
        <location filename="../screens/identity.py" line="58"/>
        <source>Name</source>
        <translation>Nama</translation>
    </message>
    <message>
        <location filename="../screens/identity.py" line="58"/>
        <source>NIP</source>
        <translation>NIP</translation>
    </message>
    <message>
        <location filename="../screens/identity.py" line="59"/>
        <source>Position applied for</source>
        <translation>Jabatan yang dilamar</translation>
    </message>
    <message>
        <location filename="../screens/identity.py" line="63"/>
        <location filename="../screens/identity.py" line="64"/>
        <source>Yes, that is me</source>
        <translation>Ya, benar</translation>
    </message>
    <message>
        <location filename="../screens/identity.py" line="66"/>
        <source>Thank you. Please wait for the proctor&apos;s instructions.</source>
        <translation>Terima kasih. Silakan tunggu arahan pengawas.</translation>
    </message>
    <message>
        <location filename="../screens/identity.py" line="68"/>
        <source>If anything is wrong, raise your hand and call the proctor.</source>
        <translation>Jika ada yang salah, angkat tangan dan panggil pengawas.</translation>
    </message>
</context>
<context>
    <name>InboxScreen</name>
    <message numerus="yes">
        <location filename="../screens/inbox.py" line="36"/>
        <source>%n minute(s) left in this section.</source>
        <translation>
            <numerusform>Sisa waktu bagian ini %n menit.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../screens/inbox.py" line="37"/>
        <source>From the proctor: %1</source>
        <translation>Dari pengawas: %1</translation>
    </message>
    <message>
        <location filename="../screens/inbox.py" line="40"/>
        <source>Messages and time warnings</source>
        <translation>Pesan dan peringatan waktu</translation>
    </message>
    <message>
        <location filename="../screens/inbox.py" line="41"/>
        <source>Back to the exam</source>
        <translation>Kembali ke ujian</translation>
    </message>
    <message>
        <location filename="../screens/inbox.py" line="43"/>
        <source>Messages</source>
        <translation>Pesan</translation>
    </message>
    <message>
        <location filename="../screens/inbox.py" line="50"/>
        <source>No messages yet.</source>
        <translation>Belum ada pesan.</translation>
    </message>
    <message>
        <location filename="../screens/inbox.py" line="53"/>
        <source>new</source>
        <translation>baru</translation>
    </message>
</context>
<context>
    <name>ItemScreen</name>
    <message>
        <location filename="../screens/item.py" line="330"/>
        <source>◀ Previous</source>
        <translation>◀ Sebelumnya</translation>
    </message>
    <message>
        <location filename="../screens/item.py" line="331"/>
        <source>Previous question</source>
        <translation>Soal sebelumnya</translation>
    </message>
    <message>
        <location filename="../screens/item.py" line="332"/>
        <source>Next ▶</source>
        <translation>Berikutnya ▶</translation>
    </message>
    <message>
        <location filename="../screens/item.py" line="333"/>
        <source>Next question</source>
        <translation>Soal berikutnya</translation>
    </message>
    <message>
        <location filename="../screens/item.py" line="336"/>
        <location filename="../screens/item.py" line="337"/>
        <source>Clear answer</source>
        <translation>Hapus jawaban</translation>
    </message>
    <message>
        <location filename="../screens/item.py" line="339"/>
        <source>Check answers and finish the section</source>
        <translation>Periksa jawaban dan selesaikan bagian ini</translation>
    </message>
    <message>
        <location filename="../screens/item.py" line="340"/>
        <source>Questions</source>
        <translation>Daftar soal</translation>
    </message>
    <message>
        <location filename="../screens/item.py" line="334"/>
        <source>Mark for review</source>
        <translation>Tandai untuk ditinjau</translation>
    </message>
    <message>
        <location filename="../screens/item.py" line="335"/>
        <source>Mark this question to look at again</source>
        <translation>Tandai soal ini untuk dilihat lagi</translation>
    </message>
    <message>
        <location filename="../screens/item.py" line="338"/>
        <source>Finish section…</source>
        <translation>Selesaikan bagian ini…</translation>
    </message>
    <message>
        <location filename="../screens/item.py" line="341"/>
        <source>✓ answered   ? marked   thick border: this question</source>
        <translation>✓ dijawab   ? ditandai   bingkai tebal: soal ini</translation>
    </message>
    <message>
        <location filename="../screens/item.py" line="342"/>
        <source>Question</source>
        <translation>Soal</translation>
    </message>
    <message>
        <location filename="../screens/item.py" line="343"/>
        <source>Time warning</source>
        <translation>Peringatan waktu</translation>
    </message>
    <message>
        <location filename="../screens/item.py" line="344"/>
        <source>Message from the proctor</source>
        <translation>Pesan dari pengawas</translation>
    </message>
    <message>
        <location filename="../screens/item.py" line="345"/>
        <source>OK</source>
        <translation>Tutup</translation>
    </message>
    <message>
        <location filename="../screens/item.py" line="346"/>
        <source>Close the proctor&apos;s message</source>
        <translation>Tutup pesan pengawas</translation>
    </message>
    <message>
        <location filename="../screens/item.py" line="347"/>
        <source>This question is not answered. Continue without answering? You cannot come back to it.</source>
        <translation>Soal ini belum dijawab. Lanjut tanpa menjawab? Anda tidak dapat kembali ke soal ini.</translation>
    </message>
    <message>
        <location filename="../screens/item.py" line="349"/>
        <source>Answer it</source>
        <translation>Jawab dulu</translation>
    </message>
    <message>
        <location filename="../screens/item.py" line="350"/>
        <source>Stay and answer this question</source>
        <translation>Tetap di sini dan jawab soal ini</translation>
    </message>
    <message>
        <location filename="../screens/item.py" line="351"/>
        <source>Continue without answering</source>
        <translation>Lanjut tanpa menjawab</translation>
    </message>
    <message>
        <location filename="../screens/item.py" line="354"/>
        <location filename="../screens/item.py" line="419"/>
        <source>✓ Chosen</source>
        <translation>✓ Dipilih</translation>
    </message>
    <message numerus="yes">
        <location filename="../screens/item.py" line="372"/>
        <source>%n minute(s) left in this section.</source>
        <translation>
            <numerusform>Sisa waktu bagian ini %n menit.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../screens/item.py" line="375"/>
        <source>From the proctor: %1</source>
        <translation>Dari pengawas: %1</translation>
    </message>
    <message>
        <location filename="../screens/item.py" line="389"/>
        <source>Time left %1</source>
        <translation>Waktu tersisa %1</translation>
    </message>
    <message>
        <location filename="../screens/item.py" line="392"/>
        <source>last minutes</source>
        <translation>menit-menit terakhir</translation>
    </message>
    <message>
        <location filename="../screens/item.py" line="415"/>
        <source>Option %1: %2</source>
        <translation>Pilihan %1: %2</translation>
    </message>
    <message>
        <location filename="../screens/item.py" line="417"/>
        <location filename="../screens/item.py" line="478"/>
        <source>Picture</source>
        <translation>Gambar</translation>
    </message>
    <message>
        <location filename="../screens/item.py" line="446"/>
        <source>answered</source>
        <translation>dijawab</translation>
    </message>
    <message>
        <location filename="../screens/item.py" line="446"/>
        <source>not answered</source>
        <translation>belum dijawab</translation>
    </message>
    <message>
        <location filename="../screens/item.py" line="448"/>
        <source>marked</source>
        <translation>ditandai</translation>
    </message>
    <message>
        <location filename="../screens/item.py" line="450"/>
        <source>current</source>
        <translation>soal ini</translation>
    </message>
    <message>
        <location filename="../screens/item.py" line="451"/>
        <source>Question %1</source>
        <translation>Soal %1</translation>
    </message>
    <message>
        <location filename="../screens/item.py" line="475"/>
        <source>Question %1 of %2</source>
        <translation>Soal %1 dari %2</translation>
    </message>
</context>
<context>
    <name>LockdownNotices</name>
    <message>
        <location filename="../lockdown/widgets.py" line="22"/>
        <source>A program that is not allowed during the exam is running ({name}). The proctor has been informed; please do not use it.</source>
        <translation>Program yang tidak diizinkan selama ujian sedang berjalan ({name}). Pengawas sudah diberi tahu; mohon jangan menggunakannya.</translation>
    </message>
    <message>
        <location filename="../lockdown/widgets.py" line="26"/>
        <source>A second screen is connected. The proctor has been informed; you may continue the exam.</source>
        <translation>Layar kedua terhubung ke komputer ini. Pengawas sudah diberi tahu; Anda dapat melanjutkan ujian.</translation>
    </message>
    <message>
        <location filename="../lockdown/widgets.py" line="28"/>
        <source>A new network connection appeared. The proctor has been informed; you may continue the exam.</source>
        <translation>Ada sambungan jaringan baru. Pengawas sudah diberi tahu; Anda dapat melanjutkan ujian.</translation>
    </message>
    <message>
        <location filename="../lockdown/widgets.py" line="31"/>
        <source>A removable drive (such as a flash drive) is connected. The proctor has been informed; you may continue the exam.</source>
        <translation>Perangkat penyimpanan lepas-pasang (misalnya flashdisk) terhubung. Pengawas sudah diberi tahu; Anda dapat melanjutkan ujian.</translation>
    </message>
    <message>
        <location filename="../lockdown/widgets.py" line="34"/>
        <source>This computer runs the exam in a virtual machine. The proctor has been informed; you may continue the exam.</source>
        <translation>Komputer ini menjalankan ujian di dalam mesin virtual. Pengawas sudah diberi tahu; Anda dapat melanjutkan ujian.</translation>
    </message>
    <message>
        <location filename="../lockdown/widgets.py" line="38"/>
        <source>The proctor has been informed; you may continue the exam.</source>
        <translation>Pengawas sudah diberi tahu; Anda dapat melanjutkan ujian.</translation>
    </message>
    <message>
        <location filename="../lockdown/widgets.py" line="42"/>
        <source>That key is not available during the exam.</source>
        <translation>Tombol tersebut tidak dapat digunakan selama ujian.</translation>
    </message>
    <message>
        <location filename="../lockdown/widgets.py" line="45"/>
        <source>The exam application stays open until the exam ends. Please ask the proctor if you need help.</source>
        <translation>Aplikasi ujian tetap terbuka sampai ujian selesai. Silakan hubungi pengawas jika memerlukan bantuan.</translation>
    </message>
    <message>
        <location filename="../lockdown/widgets.py" line="49"/>
        <source>Welcome back to the exam. Leaving the exam window is recorded for the proctor.</source>
        <translation>Selamat datang kembali di ujian. Meninggalkan jendela ujian tercatat dan dilaporkan kepada pengawas.</translation>
    </message>
</context>
<context>
    <name>LockedScreen</name>
    <message>
        <location filename="../lockdown/locked.py" line="26"/>
        <source>This PC is locked</source>
        <translation>Komputer ini terkunci</translation>
    </message>
    <message>
        <location filename="../lockdown/locked.py" line="28"/>
        <source>The exam program on this PC has ended. Please stay seated and call the proctor.</source>
        <translation>Program ujian di komputer ini telah berakhir. Tetap di tempat duduk dan panggil pengawas.</translation>
    </message>
</context>
<context>
    <name>LoginScreen</name>
    <message>
        <location filename="../screens/login.py" line="131"/>
        <location filename="../screens/login.py" line="137"/>
        <source>Participant number</source>
        <translation>Nomor peserta</translation>
    </message>
    <message>
        <location filename="../screens/login.py" line="131"/>
        <source>PIN (6 digits)</source>
        <translation>PIN (6 angka)</translation>
    </message>
    <message>
        <location filename="../screens/login.py" line="132"/>
        <location filename="../screens/login.py" line="139"/>
        <source>Session token</source>
        <translation>Token sesi</translation>
    </message>
    <message>
        <location filename="../screens/login.py" line="132"/>
        <location filename="../screens/login.py" line="141"/>
        <source>Language</source>
        <translation>Bahasa</translation>
    </message>
    <message>
        <location filename="../screens/login.py" line="132"/>
        <location filename="../screens/login.py" line="147"/>
        <source>Display</source>
        <translation>Tampilan</translation>
    </message>
    <message>
        <location filename="../screens/login.py" line="135"/>
        <source>Sign in with the details on your exam card.</source>
        <translation>Masuk dengan data pada kartu ujian Anda.</translation>
    </message>
    <message>
        <location filename="../screens/login.py" line="136"/>
        <location filename="../screens/login.py" line="142"/>
        <source>Sign in</source>
        <translation>Masuk</translation>
    </message>
    <message>
        <location filename="../screens/login.py" line="138"/>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <location filename="../screens/login.py" line="140"/>
        <source>6 letters from the proctor</source>
        <translation>6 huruf dari pengawas</translation>
    </message>
    <message>
        <location filename="../screens/login.py" line="143"/>
        <location filename="../screens/login.py" line="144"/>
        <source>High contrast</source>
        <translation>Kontras tinggi</translation>
    </message>
    <message>
        <location filename="../screens/login.py" line="145"/>
        <source>Smaller text</source>
        <translation>Perkecil tulisan</translation>
    </message>
    <message>
        <location filename="../screens/login.py" line="146"/>
        <source>Larger text</source>
        <translation>Perbesar tulisan</translation>
    </message>
    <message>
        <location filename="../screens/login.py" line="148"/>
        <source>Text size</source>
        <translation>Ukuran tulisan</translation>
    </message>
    <message>
        <location filename="../screens/login.py" line="149"/>
        <source>Sign-in message</source>
        <translation>Keterangan gagal masuk</translation>
    </message>
    <message>
        <location filename="../screens/login.py" line="150"/>
        <source>Exam title</source>
        <translation>Judul ujian</translation>
    </message>
    <message>
        <location filename="../screens/login.py" line="173"/>
        <source>This participant number is not registered for this exam.</source>
        <translation>Nomor peserta ini tidak terdaftar pada ujian ini.</translation>
    </message>
    <message>
        <location filename="../screens/login.py" line="175"/>
        <source>Wrong PIN.</source>
        <translation>PIN salah.</translation>
    </message>
    <message>
        <location filename="../screens/login.py" line="176"/>
        <source>Wrong session token.</source>
        <translation>Token sesi salah.</translation>
    </message>
    <message>
        <location filename="../screens/login.py" line="177"/>
        <source>Too many failed attempts. Please call the proctor.</source>
        <translation>Terlalu banyak percobaan gagal. Silakan hubungi pengawas.</translation>
    </message>
    <message>
        <location filename="../screens/login.py" line="179"/>
        <source>Your exam form is not in this package. Please call the proctor.</source>
        <translation>Naskah ujian Anda tidak ada dalam paket ini. Silakan hubungi pengawas.</translation>
    </message>
    <message>
        <location filename="../screens/login.py" line="181"/>
        <source>This computer holds another candidate&apos;s session. Please call the proctor.</source>
        <translation>Komputer ini sedang menyimpan sesi peserta lain. Silakan hubungi pengawas.</translation>
    </message>
    <message>
        <location filename="../screens/login.py" line="183"/>
        <source>You are already signed in.</source>
        <translation>Anda sudah masuk.</translation>
    </message>
    <message>
        <location filename="../screens/login.py" line="184"/>
        <source>The exam data on this computer cannot be opened. Please call the proctor, who will move you to a spare computer.</source>
        <translation>Data ujian di komputer ini tidak dapat dibuka. Silakan panggil pengawas, yang akan memindahkan Anda ke komputer cadangan.</translation>
    </message>
    <message>
        <location filename="../screens/login.py" line="186"/>
        <source>Your exam is running on another computer. Please call the proctor to move it here.</source>
        <translation>Ujian Anda sedang berjalan di komputer lain. Silakan panggil pengawas untuk memindahkannya ke sini.</translation>
    </message>
    <message>
        <location filename="../screens/login.py" line="188"/>
        <source>Your participant number is registered for another session than the one open in this room. Please call the proctor.</source>
        <translation>Nomor peserta Anda terdaftar di sesi lain, bukan sesi yang dibuka di ruang ini. Silakan panggil pengawas.</translation>
    </message>
    <message>
        <location filename="../screens/login.py" line="192"/>
        <source>Sign-in refused. Please call the proctor.</source>
        <translation>Tidak dapat masuk. Silakan hubungi pengawas.</translation>
    </message>
    <message numerus="yes">
        <location filename="../screens/login.py" line="195"/>
        <source>Attempts left: %n.</source>
        <translation>
            <numerusform>Sisa percobaan: %n.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MakalahCheckScreen</name>
    <message>
        <location filename="../screens/makalah/check.py" line="98"/>
        <source>en_US</source>
        <comment>locale for numbers</comment>
        <translation>id_ID</translation>
    </message>
    <message>
        <location filename="../screens/makalah/check.py" line="101"/>
        <source>Your paper, as it will be printed</source>
        <translation>Makalah Anda, seperti yang akan dicetak</translation>
    </message>
    <message>
        <location filename="../screens/makalah/check.py" line="102"/>
        <source>Your paper (read only)</source>
        <translation>Makalah Anda (hanya baca)</translation>
    </message>
    <message>
        <location filename="../screens/makalah/check.py" line="103"/>
        <source>Back to the paper</source>
        <translation>Kembali ke makalah</translation>
    </message>
    <message>
        <location filename="../screens/makalah/check.py" line="105"/>
        <source>Submit the paper</source>
        <translation>Kumpulkan makalah</translation>
    </message>
    <message>
        <location filename="../screens/makalah/check.py" line="107"/>
        <source>Time left</source>
        <translation>Sisa waktu</translation>
    </message>
    <message>
        <location filename="../screens/makalah/check.py" line="108"/>
        <source>Word count</source>
        <translation>Jumlah kata</translation>
    </message>
    <message>
        <location filename="../screens/makalah/check.py" line="109"/>
        <source>Word count warning</source>
        <translation>Peringatan jumlah kata</translation>
    </message>
    <message>
        <location filename="../screens/makalah/check.py" line="110"/>
        <source>What happens next</source>
        <translation>Yang terjadi selanjutnya</translation>
    </message>
    <message>
        <location filename="../screens/makalah/check.py" line="115"/>
        <source>Your paper has %1 words.</source>
        <translation>Makalah Anda berisi %1 kata.</translation>
    </message>
    <message>
        <location filename="../screens/makalah/check.py" line="118"/>
        <source>The range is %1 to %2 words.</source>
        <translation>Batasnya %1 sampai %2 kata.</translation>
    </message>
    <message>
        <location filename="../screens/makalah/check.py" line="121"/>
        <source>The minimum is %1 words.</source>
        <translation>Batas minimalnya %1 kata.</translation>
    </message>
    <message>
        <location filename="../screens/makalah/check.py" line="123"/>
        <source>The maximum is %1 words.</source>
        <translation>Batas maksimalnya %1 kata.</translation>
    </message>
    <message>
        <location filename="../screens/makalah/check.py" line="130"/>
        <source>%1 words below the minimum. A paper below the minimum is accepted but scored lower. You still have time to write more.</source>
        <translation>Kurang %1 kata dari batas minimal. Makalah di bawah batas minimal tetap diterima, tetapi nilainya dikurangi. Anda masih punya waktu untuk menulis lagi.</translation>
    </message>
    <message>
        <location filename="../screens/makalah/check.py" line="133"/>
        <source>%1 words above the maximum. A paper above the maximum is accepted but scored lower.</source>
        <translation>Lebih %1 kata dari batas maksimal. Makalah di atas batas maksimal tetap diterima, tetapi nilainya dikurangi.</translation>
    </message>
    <message>
        <location filename="../screens/makalah/check.py" line="138"/>
        <source>After submitting, the paper can no longer be changed.</source>
        <translation>Setelah dikumpulkan, makalah tidak dapat diubah lagi.</translation>
    </message>
    <message>
        <location filename="../screens/makalah/check.py" line="140"/>
        <source>This ends the exam and you receive your receipt.</source>
        <translation>Ujian selesai dan Anda menerima tanda terima.</translation>
    </message>
    <message>
        <location filename="../screens/makalah/check.py" line="141"/>
        <source>Next comes the section &quot;%1&quot;; its time starts when you press Start.</source>
        <translation>Berikutnya bagian &quot;%1&quot;; waktunya mulai berjalan saat Anda menekan Mulai.</translation>
    </message>
    <message>
        <location filename="../screens/makalah/check.py" line="145"/>
        <source>Time left %1</source>
        <translation>Sisa waktu %1</translation>
    </message>
    <message>
        <location filename="../screens/makalah/check.py" line="159"/>
        <source>Check your paper before submitting: %1</source>
        <translation>Periksa makalah Anda sebelum dikumpulkan: %1</translation>
    </message>
    <message>
        <location filename="../screens/makalah/check.py" line="167"/>
        <source>I understand that my paper is below the minimum and want to submit it</source>
        <translation>Saya mengerti makalah saya di bawah batas minimal dan tetap ingin mengumpulkannya</translation>
    </message>
    <message>
        <location filename="../screens/makalah/check.py" line="169"/>
        <source>I understand that my paper is above the maximum and want to submit it</source>
        <translation>Saya mengerti makalah saya di atas batas maksimal dan tetap ingin mengumpulkannya</translation>
    </message>
</context>
<context>
    <name>MakalahScreen</name>
    <message>
        <location filename="../screens/makalah/screen.py" line="306"/>
        <source>Bold</source>
        <translation>Tebal</translation>
    </message>
    <message>
        <location filename="../screens/makalah/screen.py" line="307"/>
        <source>Italic</source>
        <translation>Miring</translation>
    </message>
    <message>
        <location filename="../screens/makalah/screen.py" line="308"/>
        <source>Underline</source>
        <translation>Garis bawah</translation>
    </message>
    <message>
        <location filename="../screens/makalah/screen.py" line="309"/>
        <source>Bulleted list</source>
        <translation>Daftar berbutir</translation>
    </message>
    <message>
        <location filename="../screens/makalah/screen.py" line="310"/>
        <source>Numbered list</source>
        <translation>Daftar bernomor</translation>
    </message>
    <message>
        <location filename="../screens/makalah/screen.py" line="311"/>
        <source>Insert table</source>
        <translation>Sisipkan tabel</translation>
    </message>
    <message>
        <location filename="../screens/makalah/screen.py" line="312"/>
        <source>Add table row</source>
        <translation>Tambah baris tabel</translation>
    </message>
    <message>
        <location filename="../screens/makalah/screen.py" line="313"/>
        <source>Add table column</source>
        <translation>Tambah kolom tabel</translation>
    </message>
    <message>
        <location filename="../screens/makalah/screen.py" line="314"/>
        <source>Delete table row</source>
        <translation>Hapus baris tabel</translation>
    </message>
    <message>
        <location filename="../screens/makalah/screen.py" line="315"/>
        <source>Undo</source>
        <translation>Batalkan</translation>
    </message>
    <message>
        <location filename="../screens/makalah/screen.py" line="316"/>
        <source>Redo</source>
        <translation>Ulangi</translation>
    </message>
    <message>
        <location filename="../screens/makalah/screen.py" line="317"/>
        <location filename="../screens/makalah/screen.py" line="329"/>
        <source>Find</source>
        <translation>Cari</translation>
    </message>
    <message>
        <location filename="../screens/makalah/screen.py" line="318"/>
        <source>Smaller text</source>
        <translation>Perkecil teks</translation>
    </message>
    <message>
        <location filename="../screens/makalah/screen.py" line="319"/>
        <source>Larger text</source>
        <translation>Perbesar teks</translation>
    </message>
    <message>
        <location filename="../screens/makalah/screen.py" line="321"/>
        <source>• List</source>
        <translation>• Poin</translation>
    </message>
    <message>
        <location filename="../screens/makalah/screen.py" line="321"/>
        <source>1. List</source>
        <translation>1. Nomor</translation>
    </message>
    <message>
        <location filename="../screens/makalah/screen.py" line="322"/>
        <source>↶ Undo</source>
        <translation>↶ Urungkan</translation>
    </message>
    <message>
        <location filename="../screens/makalah/screen.py" line="322"/>
        <source>↷ Redo</source>
        <translation>↷ Ulangi</translation>
    </message>
    <message>
        <location filename="../screens/makalah/screen.py" line="335"/>
        <source>Cut</source>
        <translation>Potong</translation>
    </message>
    <message>
        <location filename="../screens/makalah/screen.py" line="336"/>
        <location filename="../screens/makalah/screen.py" line="339"/>
        <source>Copy</source>
        <translation>Salin</translation>
    </message>
    <message>
        <location filename="../screens/makalah/screen.py" line="337"/>
        <source>Paste</source>
        <translation>Tempel</translation>
    </message>
    <message>
        <location filename="../screens/makalah/screen.py" line="338"/>
        <source>Select all</source>
        <translation>Pilih semua</translation>
    </message>
    <message>
        <location filename="../screens/makalah/screen.py" line="340"/>
        <location filename="../screens/makalah/screen.py" line="341"/>
        <source>Table</source>
        <translation>Tabel</translation>
    </message>
    <message>
        <location filename="../screens/makalah/screen.py" line="342"/>
        <source>Insert a table, add or delete rows</source>
        <translation>Sisipkan tabel, tambah atau hapus baris</translation>
    </message>
    <message>
        <location filename="../screens/makalah/screen.py" line="343"/>
        <source>Paragraph</source>
        <translation>Paragraf</translation>
    </message>
    <message>
        <location filename="../screens/makalah/screen.py" line="343"/>
        <source>Heading 1</source>
        <translation>Judul 1</translation>
    </message>
    <message>
        <location filename="../screens/makalah/screen.py" line="343"/>
        <source>Heading 2</source>
        <translation>Judul 2</translation>
    </message>
    <message>
        <location filename="../screens/makalah/screen.py" line="344"/>
        <source>Heading 3</source>
        <translation>Judul 3</translation>
    </message>
    <message>
        <location filename="../screens/makalah/screen.py" line="347"/>
        <source>Paragraph style</source>
        <translation>Gaya paragraf</translation>
    </message>
    <message>
        <location filename="../screens/makalah/screen.py" line="348"/>
        <source>Paragraph style (Ctrl+Alt+0 to Ctrl+Alt+3)</source>
        <translation>Gaya paragraf (Ctrl+Alt+0 sampai Ctrl+Alt+3)</translation>
    </message>
    <message>
        <location filename="../screens/makalah/screen.py" line="349"/>
        <source>Formatting</source>
        <translation>Format teks</translation>
    </message>
    <message>
        <location filename="../screens/makalah/screen.py" line="350"/>
        <source>Your paper</source>
        <translation>Makalah Anda</translation>
    </message>
    <message>
        <location filename="../screens/makalah/screen.py" line="352"/>
        <source>Ctrl+Tab leaves the text; Tab in a list moves the item in</source>
        <translation>Ctrl+Tab keluar dari teks; Tab di dalam daftar menjorokkan butir</translation>
    </message>
    <message>
        <location filename="../screens/makalah/screen.py" line="353"/>
        <source>Write your paper here.</source>
        <translation>Tulis makalah Anda di sini.</translation>
    </message>
    <message>
        <location filename="../screens/makalah/screen.py" line="354"/>
        <location filename="../screens/makalah/screen.py" line="355"/>
        <source>Instructions and case material</source>
        <translation>Petunjuk dan bahan kasus</translation>
    </message>
    <message>
        <location filename="../screens/makalah/screen.py" line="356"/>
        <source>Finish writing</source>
        <translation>Selesai menulis</translation>
    </message>
    <message>
        <location filename="../screens/makalah/screen.py" line="357"/>
        <source>Finish writing and check the paper before submitting</source>
        <translation>Selesai menulis dan periksa makalah sebelum dikumpulkan</translation>
    </message>
    <message>
        <location filename="../screens/makalah/screen.py" line="359"/>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../screens/makalah/screen.py" line="360"/>
        <source>Close the message</source>
        <translation>Tutup pesan</translation>
    </message>
    <message>
        <location filename="../screens/makalah/screen.py" line="361"/>
        <source>Message</source>
        <translation>Pesan</translation>
    </message>
    <message>
        <location filename="../screens/makalah/screen.py" line="556"/>
        <source>last minutes</source>
        <translation>menit-menit terakhir</translation>
    </message>
    <message>
        <location filename="../screens/makalah/screen.py" line="362"/>
        <source>Word count</source>
        <translation>Jumlah kata</translation>
    </message>
    <message>
        <location filename="../screens/makalah/screen.py" line="363"/>
        <source>Text size</source>
        <translation>Ukuran teks</translation>
    </message>
    <message>
        <location filename="../screens/makalah/screen.py" line="364"/>
        <source>Pasting from outside the exam is not allowed. You can paste what you copied in your paper or the case material.</source>
        <translation>Menempel teks dari luar ujian tidak diizinkan. Anda dapat menempelkan teks yang Anda salin dari makalah Anda atau dari bahan kasus.</translation>
    </message>
    <message>
        <location filename="../screens/makalah/screen.py" line="367"/>
        <source>Notice</source>
        <translation>Pemberitahuan</translation>
    </message>
    <message>
        <location filename="../screens/makalah/screen.py" line="368"/>
        <source>Preview: the paper can no longer be changed.</source>
        <translation>Pratinjau: makalah tidak dapat diubah lagi.</translation>
    </message>
    <message>
        <location filename="../screens/makalah/screen.py" line="464"/>
        <source>Instructions</source>
        <translation>Petunjuk</translation>
    </message>
    <message>
        <location filename="../screens/makalah/screen.py" line="464"/>
        <source>Case material</source>
        <translation>Bahan kasus</translation>
    </message>
    <message>
        <location filename="../screens/makalah/screen.py" line="527"/>
        <source>en_US</source>
        <comment>locale for numbers</comment>
        <translation>id_ID</translation>
    </message>
    <message>
        <location filename="../screens/makalah/screen.py" line="532"/>
        <source>%1 words</source>
        <translation>%1 kata</translation>
    </message>
    <message>
        <location filename="../screens/makalah/screen.py" line="536"/>
        <source>limit %1–%2</source>
        <translation>batas %1–%2</translation>
    </message>
    <message>
        <location filename="../screens/makalah/screen.py" line="539"/>
        <source>at least %1</source>
        <translation>paling sedikit %1</translation>
    </message>
    <message>
        <location filename="../screens/makalah/screen.py" line="541"/>
        <source>at most %1</source>
        <translation>paling banyak %1</translation>
    </message>
    <message>
        <location filename="../screens/makalah/screen.py" line="543"/>
        <source>%1 short</source>
        <translation>kurang %1</translation>
    </message>
    <message>
        <location filename="../screens/makalah/screen.py" line="546"/>
        <source>%1 over</source>
        <translation>lebih %1</translation>
    </message>
    <message>
        <location filename="../screens/makalah/screen.py" line="554"/>
        <source>Time left %1</source>
        <translation>Waktu tersisa %1</translation>
    </message>
</context>
<context>
    <name>NoticeScreen</name>
    <message>
        <location filename="../screens/notice.py" line="43"/>
        <source>Your last action could not be saved on this computer. Please call the proctor; your earlier answers are safe.</source>
        <translation>Tindakan terakhir Anda tidak dapat disimpan di komputer ini. Silakan panggil pengawas; jawaban Anda sebelumnya tetap aman.</translation>
    </message>
    <message>
        <location filename="../screens/notice.py" line="53"/>
        <source>Time is up</source>
        <translation>Waktu habis</translation>
    </message>
    <message>
        <location filename="../screens/notice.py" line="54"/>
        <source>The time for &quot;%1&quot; has run out. Your answers were saved and the section was submitted.</source>
        <translation>Waktu untuk &quot;%1&quot; telah habis. Jawaban Anda sudah tersimpan dan bagian ini telah dikumpulkan.</translation>
    </message>
    <message>
        <location filename="../screens/notice.py" line="56"/>
        <source>See receipt</source>
        <translation>Lihat tanda terima</translation>
    </message>
    <message>
        <location filename="../screens/notice.py" line="57"/>
        <source>Continue</source>
        <translation>Lanjut</translation>
    </message>
    <message>
        <location filename="../screens/notice.py" line="59"/>
        <source>All sections are done</source>
        <translation>Semua bagian sudah dikerjakan</translation>
    </message>
    <message>
        <location filename="../screens/notice.py" line="60"/>
        <source>Submit the exam to get your receipt.</source>
        <translation>Kumpulkan ujian untuk mendapatkan tanda terima.</translation>
    </message>
    <message>
        <location filename="../screens/notice.py" line="61"/>
        <source>Submit the exam</source>
        <translation>Kumpulkan ujian</translation>
    </message>
    <message>
        <location filename="../screens/notice.py" line="64"/>
        <source>Notice</source>
        <translation>Pemberitahuan</translation>
    </message>
</context>
<context>
    <name>PauseOverlay</name>
    <message>
        <location filename="../screens/overlay.py" line="52"/>
        <source>The exam is locked by the proctor</source>
        <translation>Ujian dikunci oleh pengawas</translation>
    </message>
    <message>
        <location filename="../screens/overlay.py" line="54"/>
        <source>The exam is paused by the proctor</source>
        <translation>Ujian dijeda oleh pengawas</translation>
    </message>
    <message>
        <location filename="../screens/overlay.py" line="55"/>
        <source>Your answers are saved and the time is stopped. Please wait calmly.</source>
        <translation>Jawaban Anda tersimpan dan waktu dihentikan. Silakan menunggu dengan tenang.</translation>
    </message>
    <message>
        <location filename="../screens/overlay.py" line="58"/>
        <source>Pause notice</source>
        <translation>Pemberitahuan jeda</translation>
    </message>
</context>
<context>
    <name>Pictures</name>
    <message>
        <location filename="../screens/pictures.py" line="94"/>
        <source>[Picture cannot be shown]</source>
        <translation>[Gambar tidak dapat ditampilkan]</translation>
    </message>
    <message>
        <location filename="../screens/pictures.py" line="96"/>
        <source>[Picture cannot be shown: %1]</source>
        <translation>[Gambar tidak dapat ditampilkan: %1]</translation>
    </message>
</context>
<context>
    <name>ReceiptScreen</name>
    <message>
        <location filename="../screens/receipt.py" line="55"/>
        <source>The exam is submitted. Thank you.</source>
        <translation>Ujian telah dikumpulkan. Terima kasih.</translation>
    </message>
    <message>
        <location filename="../screens/receipt.py" line="56"/>
        <location filename="../screens/receipt.py" line="57"/>
        <source>Your receipt code</source>
        <translation>Kode tanda terima Anda</translation>
    </message>
    <message>
        <location filename="../screens/receipt.py" line="58"/>
        <source>QR code of your receipt</source>
        <translation>Kode QR tanda terima Anda</translation>
    </message>
    <message>
        <location filename="../screens/receipt.py" line="60"/>
        <source>Write this code down on paper. When the results are published you can check with it that your answers arrived unchanged. Please wait for the proctor before leaving.</source>
        <translation>Catat kode ini di kertas. Saat hasil diumumkan, Anda dapat memeriksa dengan kode ini bahwa jawaban Anda sampai tanpa perubahan. Mohon tunggu pengawas sebelum meninggalkan ruangan.</translation>
    </message>
    <message>
        <location filename="../screens/receipt.py" line="68"/>
        <source>Participant %1 · submitted at %2</source>
        <translation>Peserta %1 · dikumpulkan pukul %2</translation>
    </message>
    <message>
        <location filename="../screens/receipt.py" line="63"/>
        <source>How to use the receipt</source>
        <translation>Cara menggunakan tanda terima</translation>
    </message>
</context>
<context>
    <name>ReviewScreen</name>
    <message>
        <location filename="../screens/review.py" line="84"/>
        <source>Time left %1</source>
        <translation>Waktu tersisa %1</translation>
    </message>
    <message>
        <location filename="../screens/review.py" line="85"/>
        <source>Time left</source>
        <translation>Waktu tersisa</translation>
    </message>
    <message>
        <location filename="../screens/review.py" line="96"/>
        <source>Back to the questions</source>
        <translation>Kembali ke soal</translation>
    </message>
    <message>
        <location filename="../screens/review.py" line="98"/>
        <source>Yes, submit</source>
        <translation>Ya, kumpulkan</translation>
    </message>
    <message>
        <location filename="../screens/review.py" line="100"/>
        <source>Cancel</source>
        <translation>Batal</translation>
    </message>
    <message>
        <location filename="../screens/review.py" line="102"/>
        <source>Not answered:</source>
        <translation>Belum dijawab:</translation>
    </message>
    <message>
        <location filename="../screens/review.py" line="103"/>
        <source>Marked for review:</source>
        <translation>Ditandai untuk ditinjau:</translation>
    </message>
    <message>
        <location filename="../screens/review.py" line="115"/>
        <source>none</source>
        <translation>tidak ada</translation>
    </message>
    <message>
        <location filename="../screens/review.py" line="120"/>
        <source>Go to question %1</source>
        <translation>Ke soal %1</translation>
    </message>
    <message>
        <location filename="../screens/review.py" line="130"/>
        <source>Check your answers: %1</source>
        <translation>Periksa jawaban: %1</translation>
    </message>
    <message>
        <location filename="../screens/review.py" line="131"/>
        <source>Answered %1 of %2 questions.</source>
        <translation>Terjawab %1 dari %2 soal.</translation>
    </message>
    <message>
        <location filename="../screens/review.py" line="136"/>
        <source>Submit the exam</source>
        <translation>Kumpulkan ujian</translation>
    </message>
    <message>
        <location filename="../screens/review.py" line="137"/>
        <source>Submit this section</source>
        <translation>Kumpulkan bagian ini</translation>
    </message>
    <message>
        <location filename="../screens/review.py" line="140"/>
        <source>Submit now? After submitting you cannot change your answers in this section.</source>
        <translation>Kumpulkan sekarang? Setelah dikumpulkan, jawaban di bagian ini tidak dapat diubah lagi.</translation>
    </message>
</context>
<context>
    <name>RulesScreen</name>
    <message>
        <location filename="../screens/rules.py" line="51"/>
        <source>forward only: you cannot go back to earlier questions</source>
        <translation>hanya maju: tidak dapat kembali ke soal sebelumnya</translation>
    </message>
    <message>
        <location filename="../screens/rules.py" line="53"/>
        <source>free: you may move between questions</source>
        <translation>bebas: dapat berpindah antarsoal</translation>
    </message>
    <message>
        <location filename="../screens/rules.py" line="54"/>
        <source>a paper (makalah)</source>
        <translation>makalah</translation>
    </message>
    <message numerus="yes">
        <location filename="../screens/rules.py" line="55"/>
        <source>%n question(s)</source>
        <translation>
            <numerusform>%n soal</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../screens/rules.py" line="56"/>
        <source>%n minute(s)</source>
        <translation>
            <numerusform>%n menit</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../screens/rules.py" line="61"/>
        <location filename="../screens/rules.py" line="74"/>
        <source>Exam rules</source>
        <translation>Tata tertib ujian</translation>
    </message>
    <message>
        <location filename="../screens/rules.py" line="62"/>
        <source>Work on your own; do not talk to other candidates.</source>
        <translation>Kerjakan sendiri; jangan berbicara dengan peserta lain.</translation>
    </message>
    <message>
        <location filename="../screens/rules.py" line="63"/>
        <source>Phones, notes and other devices are not allowed.</source>
        <translation>Telepon genggam, catatan, dan perangkat lain tidak diperbolehkan.</translation>
    </message>
    <message>
        <location filename="../screens/rules.py" line="64"/>
        <source>Each section has its own time limit; when it runs out, the section is submitted automatically.</source>
        <translation>Setiap bagian memiliki batas waktu sendiri; jika waktu habis, bagian itu dikumpulkan secara otomatis.</translation>
    </message>
    <message>
        <location filename="../screens/rules.py" line="66"/>
        <source>Your answers are saved as you go.</source>
        <translation>Jawaban Anda tersimpan otomatis.</translation>
    </message>
    <message>
        <location filename="../screens/rules.py" line="67"/>
        <source>If you need help, press &quot;Call proctor&quot; or raise your hand.</source>
        <translation>Jika memerlukan bantuan, tekan &quot;Panggil pengawas&quot; atau angkat tangan.</translation>
    </message>
    <message>
        <location filename="../screens/rules.py" line="69"/>
        <source>I have read the rules and will follow them</source>
        <translation>Saya telah membaca tata tertib dan akan menaatinya</translation>
    </message>
    <message>
        <location filename="../screens/rules.py" line="71"/>
        <location filename="../screens/rules.py" line="72"/>
        <source>Continue</source>
        <translation>Lanjut</translation>
    </message>
    <message>
        <location filename="../screens/rules.py" line="60"/>
        <location filename="../screens/rules.py" line="73"/>
        <source>Sections of the exam</source>
        <translation>Bagian-bagian ujian</translation>
    </message>
    <message>
        <location filename="../screens/rules.py" line="49"/>
        <source>write and revise freely until you submit the paper</source>
        <translation>menulis dan memperbaiki dengan bebas sampai makalah dikumpulkan</translation>
    </message>
    <message>
        <location filename="../screens/rules.py" line="75"/>
        <source>Exam title</source>
        <translation>Judul ujian</translation>
    </message>
</context>
<context>
    <name>SectionIntroScreen</name>
    <message>
        <location filename="../screens/intro.py" line="32"/>
        <source>Start</source>
        <translation>Mulai</translation>
    </message>
    <message>
        <location filename="../screens/intro.py" line="33"/>
        <source>Start the section</source>
        <translation>Mulai bagian ini</translation>
    </message>
    <message>
        <location filename="../screens/intro.py" line="34"/>
        <source>The time starts when you press Start.</source>
        <translation>Waktu mulai berjalan saat Anda menekan Mulai.</translation>
    </message>
    <message>
        <location filename="../screens/intro.py" line="35"/>
        <source>Section</source>
        <translation>Bagian</translation>
    </message>
    <message>
        <location filename="../screens/intro.py" line="36"/>
        <source>Time and questions</source>
        <translation>Waktu dan jumlah soal</translation>
    </message>
    <message>
        <location filename="../screens/intro.py" line="43"/>
        <source>Section %1 of %2</source>
        <translation>Bagian %1 dari %2</translation>
    </message>
    <message numerus="yes">
        <location filename="../screens/intro.py" line="46"/>
        <source>Time: %n minute(s)</source>
        <translation>
            <numerusform>Waktu: %n menit</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../screens/intro.py" line="47"/>
        <source>A paper (makalah)</source>
        <translation>Makalah</translation>
    </message>
    <message numerus="yes">
        <location filename="../screens/intro.py" line="48"/>
        <source>Questions: %n</source>
        <translation>
            <numerusform>Jumlah soal: %n</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../screens/intro.py" line="49"/>
        <source>Write and revise freely until you submit the paper.</source>
        <translation>Menulis dan memperbaiki dengan bebas sampai makalah dikumpulkan.</translation>
    </message>
    <message>
        <location filename="../screens/intro.py" line="50"/>
        <source>Forward only: you cannot go back to earlier questions.</source>
        <translation>Hanya maju: Anda tidak dapat kembali ke soal sebelumnya.</translation>
    </message>
    <message>
        <location filename="../screens/intro.py" line="51"/>
        <source>You may move freely between questions.</source>
        <translation>Anda dapat berpindah antarsoal dengan bebas.</translation>
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
    <name>StatusStrip</name>
    <message>
        <location filename="../screens/status.py" line="53"/>
        <source>Saved on this computer at %1; the proctor will receive it when the network is back</source>
        <translation>Tersimpan di komputer ini pukul %1; pengawas akan menerima saat jaringan pulih</translation>
    </message>
    <message>
        <location filename="../screens/status.py" line="55"/>
        <source>Saved %1</source>
        <translation>Tersimpan %1</translation>
    </message>
    <message>
        <location filename="../screens/status.py" line="59"/>
        <source>Saving</source>
        <translation>Penyimpanan</translation>
    </message>
    <message>
        <location filename="../screens/status.py" line="61"/>
        <source>Messages (%1 new)</source>
        <translation>Pesan (%1 baru)</translation>
    </message>
    <message>
        <location filename="../screens/status.py" line="62"/>
        <source>Messages</source>
        <translation>Pesan</translation>
    </message>
    <message>
        <location filename="../screens/status.py" line="64"/>
        <source>Display</source>
        <translation>Tampilan</translation>
    </message>
    <message>
        <location filename="../screens/status.py" line="65"/>
        <source>Display: text size, contrast, language</source>
        <translation>Tampilan: ukuran teks, kontras, bahasa</translation>
    </message>
    <message>
        <location filename="../screens/status.py" line="67"/>
        <source>✋ Proctor called</source>
        <translation>✋ Pengawas dipanggil</translation>
    </message>
    <message>
        <location filename="../screens/status.py" line="68"/>
        <source>Call proctor</source>
        <translation>Panggil pengawas</translation>
    </message>
    <message>
        <location filename="../screens/status.py" line="69"/>
        <source>The proctor has been called</source>
        <translation>Pengawas sudah dipanggil</translation>
    </message>
    <message>
        <location filename="../screens/status.py" line="70"/>
        <source>Call the proctor</source>
        <translation>Panggil pengawas</translation>
    </message>
</context>
<context>
    <name>TableDialog</name>
    <message>
        <location filename="../screens/makalah/tabledialog.py" line="26"/>
        <location filename="../screens/makalah/tabledialog.py" line="49"/>
        <source>Insert table</source>
        <translation>Sisipkan tabel</translation>
    </message>
    <message>
        <location filename="../screens/makalah/tabledialog.py" line="34"/>
        <location filename="../screens/makalah/tabledialog.py" line="55"/>
        <source>Rows</source>
        <translation>Baris</translation>
    </message>
    <message>
        <location filename="../screens/makalah/tabledialog.py" line="35"/>
        <location filename="../screens/makalah/tabledialog.py" line="56"/>
        <source>Columns</source>
        <translation>Kolom</translation>
    </message>
    <message>
        <location filename="../screens/makalah/tabledialog.py" line="40"/>
        <location filename="../screens/makalah/tabledialog.py" line="41"/>
        <source>Insert</source>
        <translation>Sisipkan</translation>
    </message>
    <message>
        <location filename="../screens/makalah/tabledialog.py" line="44"/>
        <location filename="../screens/makalah/tabledialog.py" line="45"/>
        <source>Cancel</source>
        <translation>Batal</translation>
    </message>
</context>
<context>
    <name>UnlockDialog</name>
    <message>
        <location filename="../lockdown/widgets.py" line="126"/>
        <location filename="../lockdown/widgets.py" line="127"/>
        <location filename="../lockdown/widgets.py" line="141"/>
        <source>Close the exam application</source>
        <translation>Tutup aplikasi ujian</translation>
    </message>
    <message>
        <location filename="../lockdown/widgets.py" line="129"/>
        <source>No unlock code is set on this kiosk (kiosk.toml). Please ask the lab technician.</source>
        <translation>Kode buka kunci belum diatur di komputer ini (kiosk.toml). Silakan hubungi teknisi laboratorium.</translation>
    </message>
    <message>
        <location filename="../lockdown/widgets.py" line="132"/>
        <source>For the proctor: enter the unlock code to close the exam application. The candidate&apos;s answers stay saved.</source>
        <translation>Untuk pengawas: masukkan kode buka kunci untuk menutup aplikasi ujian. Jawaban peserta tetap tersimpan.</translation>
    </message>
    <message>
        <location filename="../lockdown/widgets.py" line="135"/>
        <source>Unlock &amp;code</source>
        <translation>&amp;Kode buka kunci</translation>
    </message>
    <message>
        <location filename="../lockdown/widgets.py" line="136"/>
        <source>Unlock code</source>
        <translation>Kode buka kunci</translation>
    </message>
    <message>
        <location filename="../lockdown/widgets.py" line="137"/>
        <location filename="../lockdown/widgets.py" line="138"/>
        <location filename="../lockdown/widgets.py" line="153"/>
        <location filename="../lockdown/widgets.py" line="154"/>
        <source>Close the application</source>
        <translation>Tutup aplikasi</translation>
    </message>
    <message>
        <location filename="../lockdown/widgets.py" line="139"/>
        <location filename="../lockdown/widgets.py" line="140"/>
        <location filename="../lockdown/widgets.py" line="155"/>
        <location filename="../lockdown/widgets.py" line="156"/>
        <source>Cancel</source>
        <translation>Batal</translation>
    </message>
    <message>
        <location filename="../lockdown/widgets.py" line="145"/>
        <location filename="../lockdown/widgets.py" line="146"/>
        <location filename="../lockdown/widgets.py" line="157"/>
        <source>Proctor&apos;s exit code</source>
        <translation>Kode keluar pengawas</translation>
    </message>
    <message>
        <location filename="../lockdown/widgets.py" line="147"/>
        <source>For the proctor: type the session&apos;s exit code (shown on the proctor&apos;s console) to close the exam application. The candidate&apos;s answers stay saved and the exit is recorded.</source>
        <translation>Untuk pengawas: ketik kode keluar sesi (tampil di konsol pengawas) untuk menutup aplikasi ujian. Jawaban peserta tetap tersimpan dan penutupan ini dicatat.</translation>
    </message>
    <message>
        <location filename="../lockdown/widgets.py" line="151"/>
        <source>Exit &amp;code</source>
        <translation>&amp;Kode keluar</translation>
    </message>
    <message>
        <location filename="../lockdown/widgets.py" line="152"/>
        <source>Exit code</source>
        <translation>Kode keluar</translation>
    </message>
    <message>
        <location filename="../lockdown/widgets.py" line="163"/>
        <source>Too many wrong codes. The proctor has been informed; try again in {n} minutes.</source>
        <translation>Terlalu banyak kode yang salah. Pengawas sudah diberi tahu; coba lagi dalam {n} menit.</translation>
    </message>
    <message>
        <location filename="../lockdown/widgets.py" line="167"/>
        <source>That code is not correct (wrong attempt {n}).</source>
        <translation>Kode tidak sesuai (percobaan salah ke-{n}).</translation>
    </message>
</context>
</TS>
