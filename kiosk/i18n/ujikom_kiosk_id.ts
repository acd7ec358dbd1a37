<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="id_ID" sourcelanguage="en">
<context>
    <name>IdentityScreen</name>
    <message>
        <location filename="../screens/identity.py" line="71"/>
        <source>Is this you?</source>
        <translation>Apakah ini Anda?</translation>
    </message>
    <message>
        <location filename="../screens/identity.py" line="72"/>
        <source>Participant number</source>
        <translation>Nomor peserta</translation>
    </message>
    <message>
        <location filename="../screens/identity.py" line="72"/>
        <source>Name</source>
        <translation>Nama</translation>
    </message>
    <message>
        <location filename="../screens/identity.py" line="72"/>
        <source>NIP</source>
        <translation>NIP</translation>
    </message>
    <message>
        <location filename="../screens/identity.py" line="73"/>
        <source>Position applied for</source>
        <translation>Jabatan yang dilamar</translation>
    </message>
    <message>
        <location filename="../screens/identity.py" line="77"/>
        <location filename="../screens/identity.py" line="78"/>
        <source>Yes, that is me</source>
        <translation>Ya, benar</translation>
    </message>
    <message>
        <location filename="../screens/identity.py" line="80"/>
        <source>Thank you. Please wait for the proctor&apos;s instructions.</source>
        <translation>Terima kasih. Silakan tunggu arahan pengawas.</translation>
    </message>
    <message>
        <location filename="../screens/identity.py" line="82"/>
        <source>If anything is wrong, raise your hand and call the proctor.</source>
        <translation>Jika ada yang salah, angkat tangan dan panggil pengawas.</translation>
    </message>
</context>
<context>
    <name>LoginScreen</name>
    <message>
        <location filename="../screens/login.py" line="117"/>
        <location filename="../screens/login.py" line="123"/>
        <source>Participant number</source>
        <translation>Nomor peserta</translation>
    </message>
    <message>
        <location filename="../screens/login.py" line="117"/>
        <source>PIN (6 digits)</source>
        <translation>PIN (6 angka)</translation>
    </message>
    <message>
        <location filename="../screens/login.py" line="118"/>
        <location filename="../screens/login.py" line="125"/>
        <source>Session token</source>
        <translation>Token sesi</translation>
    </message>
    <message>
        <location filename="../screens/login.py" line="118"/>
        <location filename="../screens/login.py" line="127"/>
        <source>Language</source>
        <translation>Bahasa</translation>
    </message>
    <message>
        <location filename="../screens/login.py" line="121"/>
        <source>Sign in with the details on your exam card.</source>
        <translation>Masuk dengan data pada kartu ujian Anda.</translation>
    </message>
    <message>
        <location filename="../screens/login.py" line="122"/>
        <location filename="../screens/login.py" line="128"/>
        <source>Sign in</source>
        <translation>Masuk</translation>
    </message>
    <message>
        <location filename="../screens/login.py" line="124"/>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <location filename="../screens/login.py" line="126"/>
        <source>6 letters from the proctor</source>
        <translation>6 huruf dari pengawas</translation>
    </message>
    <message>
        <location filename="../screens/login.py" line="129"/>
        <source>Sign-in message</source>
        <translation>Pesan login</translation>
    </message>
    <message>
        <location filename="../screens/login.py" line="130"/>
        <source>Exam title</source>
        <translation>Judul ujian</translation>
    </message>
    <message>
        <location filename="../screens/login.py" line="153"/>
        <source>This participant number is not registered for this exam.</source>
        <translation>Nomor peserta ini tidak terdaftar pada ujian ini.</translation>
    </message>
    <message>
        <location filename="../screens/login.py" line="155"/>
        <source>Wrong PIN.</source>
        <translation>PIN salah.</translation>
    </message>
    <message>
        <location filename="../screens/login.py" line="156"/>
        <source>Wrong session token.</source>
        <translation>Token sesi salah.</translation>
    </message>
    <message>
        <location filename="../screens/login.py" line="157"/>
        <source>Too many failed attempts. Please call the proctor.</source>
        <translation>Terlalu banyak percobaan gagal. Silakan hubungi pengawas.</translation>
    </message>
    <message>
        <location filename="../screens/login.py" line="159"/>
        <source>Your exam form is not in this package. Please call the proctor.</source>
        <translation>Naskah ujian Anda tidak ada dalam paket ini. Silakan hubungi pengawas.</translation>
    </message>
    <message>
        <location filename="../screens/login.py" line="161"/>
        <source>This computer holds another candidate&apos;s session. Please call the proctor.</source>
        <translation>Komputer ini sedang menyimpan sesi peserta lain. Silakan hubungi pengawas.</translation>
    </message>
    <message>
        <location filename="../screens/login.py" line="163"/>
        <source>You are already signed in.</source>
        <translation>Anda sudah masuk.</translation>
    </message>
    <message>
        <location filename="../screens/login.py" line="164"/>
        <source>The session data on this computer cannot be opened. Please call the proctor.</source>
        <translation>Data sesi di komputer ini tidak dapat dibuka. Silakan hubungi pengawas.</translation>
    </message>
    <message>
        <location filename="../screens/login.py" line="167"/>
        <source>Sign-in refused. Please call the proctor.</source>
        <translation>Tidak dapat masuk. Silakan hubungi pengawas.</translation>
    </message>
    <message numerus="yes">
        <location filename="../screens/login.py" line="170"/>
        <source>Attempts left: %n.</source>
        <translation>
            <numerusform>Sisa percobaan: %n.</numerusform>
        </translation>
    </message>
</context>
</TS>
